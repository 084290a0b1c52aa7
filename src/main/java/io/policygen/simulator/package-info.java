/**
 * The AWS organization simulator: one loopback HTTP port that the unmodified AWS SDK v2 clients
 * talk to (endpoint override, static credentials), speaking the real wire protocols of the calls
 * policygen makes. Tests, the demo and the benchmarks use it instead of AWS; nothing mocks the SDK.
 * It imports nothing of the rest of the application.
 *
 * <h2>In process</h2>
 * <pre>{@code
 * String member = SimulatedOrganization.accountId(7, 3);   // ids are known before the start
 * try (Simulator sim = Simulator.start(SimulatorOptions.builder()
 *         .accounts(50).principalsPerAccount(40).seed(7)
 *         .generationTime(Duration.ofMinutes(2)).manualClock(true)
 *         .brokenAccessRole(member, AccessRoleBreak.MISSING)          // or failingAccount(id, JobErrorCode.X), ...
 *         .concurrencyError(ConcurrencyError.CONFLICT).build())) {
 *     URI endpoint = sim.endpoint();                       // http://127.0.0.1:PORT
 *     ManagementCredentials keys = sim.credentials();     // AKIAPOLICYGENSIM0001 / fixed secret
 *     SimulatedOrganization org = sim.organization();     // management account, roles, trail, accounts
 *     sim.clock().advance(Duration.ofDays(1));            // "the next day", no real time
 *     sim.faults().failNext("StartPolicyGeneration", 2);  // or set(op, FaultSettings)
 *     sim.setup().breakTrailBucket(true);                 // failAccount, failPrincipal, denyPassRole, ...
 *     sim.activity().activeRegions(member);               // its CloudTrail: Regions, files per Region-day
 *     sim.startConsoleGeneration(member, null, "us-east-1", Duration.ofDays(30));  // someone else's
 *     List<GenerationRecord> started = sim.generations();  // status, errorCode, logFilesRead, console
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
 *   <li>Organizations, AWS JSON 1.1: DescribeOrganization (any account of the organization), ListRoots,
 *       ListAccounts, ListAccountsForParent, ListOrganizationalUnitsForParent (the management account and the
 *       delegated administrator; other members get AccessDeniedException). MaxResults 1-20, now and then an
 *       empty page with a NextToken; InvalidInputException with the model's Reason (INPUT_REQUIRED,
 *       INVALID_PATTERN, MIN_VALUE_EXCEEDED, MAX_VALUE_EXCEEDED, INVALID_NEXT_TOKEN); accounts carry State
 *       (ACTIVE, SUSPENDED, PENDING_ACTIVATION, PENDING_CLOSURE, CLOSED) and the retired Status it maps to
 *       (PENDING_ACTIVATION is ACTIVE, CLOSED is SUSPENDED); JoinedTimestamp in epoch seconds.</li>
 *   <li>STS, Query: AssumeRole (management keys only; the member role of an ACTIVE or PENDING_CLOSURE,
 *       assumable account; ExternalId if configured; DurationSeconds up to the role's MaxSessionDuration, else
 *       ValidationError), GetCallerIdentity. Credentials past their expiration (a member session past its
 *       DurationSeconds by the wall clock the SDK renews by; the management keys once made to expire) are refused
 *       by every service: 403 ExpiredToken (Query) or ExpiredTokenException (JSON), "The security token included in
 *       the request is expired" (AWS's "Common Errors" of every API reference: ExpiredTokenException, HTTP 403;
 *       the Query services' code, ExpiredToken, with the same status is a guess: IAM's and STS's references leave
 *       it out).</li>
 *   <li>IAM, Query, in the calling account: GetAccountAuthorizationDetails (Filter User, Group, Role,
 *       LocalManagedPolicy, AWSManagedPolicy; MaxItems 1-1000, default 100, Marker, sometimes fewer items than asked
 *       while IsTruncated; documents URL-encoded; roles with RoleLastUsed; the default version of each managed policy),
 *       GenerateCredentialReport and GetCredentialReport (STARTED, INPROGRESS for {@code --credential-report-time},
 *       COMPLETE; ReportNotPresent, ReportInProgress, ReportExpired after four hours; the CSV base64 in the XML),
 *       ListRoles, ListUsers (the same paging; service-linked roles under /aws-service-role/; with
 *       {@code --permission-sets}, IAM Identity Center's roles under /aws-reserved/sso.amazonaws.com/, see
 *       {@link io.policygen.simulator.IdentityCenter});
 *       GetRole (the account's roles, the member role and the access role, AssumeRolePolicyDocument
 *       URL-encoded; NoSuchEntity 404); SimulatePrincipalPolicy (iam:PassRole of the access role by the member
 *       role is allowed unless denied).</li>
 *   <li>CloudTrail, AWS JSON 1.1: GetTrail, DescribeTrails - the organization trail (IsOrganizationTrail,
 *       IsMultiRegionTrail, HomeRegion, S3BucketName, KmsKeyId if encrypted), a shadow trail in member accounts;
 *       TrailNotFoundException for an unknown name or ARN.</li>
 *   <li>Access Analyzer, REST-JSON: StartPolicyGeneration, GetGeneratedPolicy, ListPolicyGenerations (the last
 *       7 days; every generation of the account and Region without principalArn, others' included; maxResults
 *       at least 1, no maximum), CancelPolicyGeneration, in the calling account and the signature's Region.</li>
 * </ul>
 * Every request's SigV4 signature is verified against the caller's secret.
 *
 * <h2>Policy generations</h2>
 * <ul>
 *   <li><b>Quotas</b> per account and Region: one in progress; 50 started a day, 5 in af-south-1, ap-east-1,
 *       ap-southeast-3, eu-south-1 and me-south-1 ({@code --daily-quota} overrides every Region's); failed and
 *       cancelled generations count. A start while one is in progress is refused with
 *       ServiceQuotaExceededException (402) naming the concurrent quota, or ConflictException (409) naming the
 *       job in progress ({@code --concurrency-error conflict}); the daily refusal is always
 *       ServiceQuotaExceededException naming the daily quota. Both carry {@code resourceId} and
 *       {@code resourceType}, as the model requires. {@code --quota-scope account} counts both quotas across the
 *       account's Regions instead (AWS does not say which), each Region still listing only its own generations.</li>
 *   <li><b>CloudTrail log files.</b> Each account is active in {@code --active-regions} Regions (seeded, the
 *       home Region among them) and writes {@code --log-files-per-region-day} files per active Region and day
 *       (four times as many in the few big accounts of the skewed distribution). A generation reads the files
 *       of the Regions it asks for (every active one with allRegions; the listed ones; the Region it is called
 *       in when the trail names neither) over its window. It takes {@code generationTime x min(files, 100000) /
 *       (30 x logFilesPerRegionDay)} plus the jitter: {@code --generation-time} is the time of a 30-day,
 *       one-Region window at the base rate. Above 100,000 files it is accepted and ends FAILED with
 *       SERVICE_QUOTA_EXCEEDED_ERROR, "CloudTrail log files processed per policy generation limit exceeded"; so it
 *       does above 25 GB of them ({@code --log-file-kb}, a file's mean size, default 20), "CloudTrail data size
 *       processed per policy generation limit exceeded" (a guess), stopping at whichever limit comes first.</li>
 *   <li><b>Failures after acceptance</b> (outcome fixed when the generation starts; first that applies): a broken
 *       trail bucket, then a MISSING or UNTRUSTED access role (AUTHORIZATION_ERROR), then a job error set for the
 *       principal, then for the account, then the log-file and data-size limits, then {@code --failure-rate}
 *       (SERVICE_ERROR).
 *       Without iam:PassRole on the access role ({@code --no-pass-role}) the start itself is AccessDeniedException.</li>
 *   <li><b>Results.</b> A generated policy names actions the principal's policies allow (its CloudTrail shows
 *       what it did, and it did what it may): a few services and actions for most, the most used first. About one
 *       principal in six also used a service Access Analyzer sees only at service level: {@code isComplete} false
 *       and a {@code service:*} statement. About one in twelve of those granted many services is broad: its policy
 *       is longer than 6,144 characters and comes back as several documents, each at most 6,144. A principal that
 *       may do nothing gets no document, nor does one in 25 that called nothing it needs a permission for. {@link Simulator#usage(String)} says which.
 *       Nor does a principal whose window starts after its last use (or one never used): its calls end there, so
 *       the window reads none (AWS documents no answer for a window without activity; this one is a guess).</li>
 * </ul>
 *
 * <h2>The organization</h2>
 * Built from the seed. The management account is the first account (listed by ListAccounts, holds
 * principals, may assume its own member role). Account ids: three digits from the seed, then the
 * account number ({@code 107000000001} is the management account for seed 7;
 * {@link SimulatedOrganization#accountId(long, int)}). A root with OUs Security, Infrastructure, Workloads
 * (Prod, NonProd beneath it) and Sandbox. About three roles for each user, plus three service-linked roles per
 * account; principals are computed on demand, so a million of them cost no heap. The member and access roles
 * exist in every account for GetRole, but ListRoles does not list them.
 * <p>Every principal has IAM content ({@link PrincipalDetails}, {@link Simulator#details(String)}): policies by the
 * kind its name says (AWS managed policies as AWS publishes them, {@code ReadOnlyAccess} and
 * {@code AmazonDynamoDBReadOnlyAccess} abridged; customer managed policies of the account with wildcards,
 * NotAction, Deny and conditions; inline policies), permissions boundaries, groups for users (Admins, Developers,
 * ReadOnly, DataAnalysts, Billing in every account), tags, and a last use. {@link PrincipalMix} decides how many are
 * unused (last used 100-400 days before the simulator started, or never), new (created in the five days before)
 * and opted out ({@code policygen:skip}); the others were used on one of the last 20 days, and keep being used as
 * the clock moves on. Some content is what an attacker with IAM rights in a member account could plant: markup and
 * quotes in condition values and policy descriptions, path-like tag values (IAM's tag pattern forbids quotes and
 * markup in tags). A test sets a principal's content with {@link Simulator#setDetails(String, PrincipalDetails)}.
 * A principal is its unique id: one deleted and created again under its name has a new id and no content of the old.
 *
 * <h2>Not AWS</h2>
 * Unsigned control calls on the same port:
 * {@code GET /_simulator/state[?generations=false]} (organization, quotas, setup, accounts with activeRegions and
 * logFilesPerRegionDay, generations with errorCode, logFilesRead and console),
 * {@code POST /_simulator/clock?advance=PT24H},
 * {@code POST /_simulator/faults?operation=Op|*&errorRate=&throttleRate=&latency=&lostStartResponses=
 * &unreadableFor=&failNext=&throttleNext=} ({@code &account=}: the calls that account's member sessions sign only),
 * {@code DELETE /_simulator/faults},
 * {@code POST /_simulator/quotas?concurrent=&daily=&concurrencyError=quota|conflict} ({@code daily=0}: AWS's per Region),
 * {@code POST /_simulator/rates?operation=Op|*&rate=}, {@code POST /_simulator/principals?account=&type=&path=&name=},
 * {@code DELETE /_simulator/principals?arn=},
 * {@code POST /_simulator/generations?account=&principal=&region=&window=P30D} (a console user's generation),
 * {@code POST /_simulator/accounts?account=&state=SUSPENDED} (an account suspended, closed or reinstated),
 * {@code POST /_simulator/job-errors?account=|principal=&code=}, {@code DELETE /_simulator/job-errors[?account=][&principal=]},
 * {@code POST /_simulator/broken-access-roles?account=&how=MISSING|UNTRUSTED},
 * {@code DELETE /_simulator/broken-access-roles[?account=]}, {@code POST|DELETE /_simulator/broken-trail-bucket},
 * {@code POST|DELETE /_simulator/no-pass-role?account=},
 * {@code POST|DELETE /_simulator/denied-actions?account=&action=service:Operation[&region=]} (an SCP's explicit deny,
 * in every Region or, by {@code aws:RequestedRegion}, in one),
 * {@code POST /_simulator/expired-credentials?who=management|sessions}, {@code DELETE /_simulator/expired-credentials}.
 *
 * <h2>Guesses</h2>
 * AWS documents the quotas, the job error codes and the log-file limit's message; the simulator guesses the
 * rest and says so where it does: which exception refuses a second generation in progress, the other job
 * errors' messages (the data-size limit's among them), the duration rule, the Regions read when a trail names none, what resourceId holds, a
 * console user's default window, which roles member accounts may GetTrail by name; the credential report's
 * descriptions and how long it takes; that GetAccountAuthorizationDetails lists every AWS managed policy the
 * simulator knows (AWS lists those in use) with its default version only (AWS lists all versions), in the order
 * users, groups, roles, policies; the version ids of the abridged and some other AWS managed policies; and the
 * shares of unused, new and opted-out principals.
 */
package io.policygen.simulator;
