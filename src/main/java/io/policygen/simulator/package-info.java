/**
 * The AWS organization simulator: one loopback HTTP port that the unmodified AWS SDK v2 clients
 * talk to (endpoint override, static credentials), speaking the real wire protocols of the calls
 * policygen makes. Tests, the demo and the benchmarks use it instead of AWS; nothing mocks the SDK.
 *
 * <h2>In process</h2>
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorOptions.builder()
 *         .accounts(50).principalsPerAccount(40).seed(7)
 *         .generationTime(Duration.ofMinutes(2)).manualClock(true).build())) {
 *     URI endpoint = sim.endpoint();                       // http://127.0.0.1:PORT
 *     ManagementCredentials keys = sim.credentials();     // AKIAPOLICYGENSIM0001 / fixed secret
 *     SimulatedOrganization org = sim.organization();     // management account, roles, trail, accounts
 *     sim.clock().advance(Duration.ofDays(1));            // "the next day", no real time
 *     sim.faults().failNext("StartPolicyGeneration", 2);  // or set(op, FaultSettings)
 *     List<GenerationRecord> started = sim.generations();
 *     long throttled = sim.requestCounts().count("access-analyzer", "StartPolicyGeneration", "ThrottlingException");
 * }
 * }</pre>
 *
 * <h2>Standalone</h2>
 * {@code java -jar target/policygen.jar simulate --port 4566 --accounts 50 --principals-per-account 40
 * --seed 7 --generation-time PT2S} (see {@code --help}); no Spring context.
 *
 * <h2>What it speaks</h2>
 * <ul>
 *   <li>Organizations, AWS JSON 1.1: DescribeOrganization, ListRoots, ListAccounts, ListAccountsForParent,
 *       ListOrganizationalUnitsForParent. Management account only. MaxResults 1-20, now and then an empty
 *       page with a NextToken; accounts carry State and Status; JoinedTimestamp in epoch seconds.</li>
 *   <li>STS, Query: AssumeRole (management keys only; the member role of an active, assumable account;
 *       ExternalId if configured), GetCallerIdentity.</li>
 *   <li>IAM, Query: ListRoles, ListUsers of the calling account, MaxItems 1-1000 (default 100), Marker,
 *       sometimes fewer items than asked while IsTruncated; service-linked roles under /aws-service-role/.</li>
 *   <li>Access Analyzer, REST-JSON: StartPolicyGeneration, GetGeneratedPolicy, ListPolicyGenerations
 *       (last 7 days), CancelPolicyGeneration, in the calling account and the signature's Region.</li>
 * </ul>
 * Every request's SigV4 signature is verified against the caller's secret.
 *
 * <h2>The organization</h2>
 * Built from the seed. The management account is the first account (listed by ListAccounts, holds
 * principals, may assume its own member role). Account ids: three digits from the seed, then the
 * account number ({@code 107000000001} is the management account for seed 7). A root with OUs
 * Security, Infrastructure, Workloads (Prod, NonProd beneath it) and Sandbox. About three roles for
 * each user, plus three service-linked roles per account; principals are computed on demand, so a
 * million of them cost no heap.
 *
 * <h2>Not AWS</h2>
 * {@code GET /_simulator/state[?generations=false]}, {@code POST /_simulator/clock?advance=PT24H},
 * {@code POST /_simulator/faults?operation=Op|*&errorRate=&throttleRate=&latency=&lostStartResponses=
 * &failNext=&throttleNext=}, {@code DELETE /_simulator/faults}, {@code POST /_simulator/quotas?concurrent=&daily=},
 * {@code POST /_simulator/rates?operation=Op|*&rate=}, {@code POST /_simulator/principals?account=&type=&path=&name=},
 * {@code DELETE /_simulator/principals?arn=}.
 */
package io.policygen.simulator;
