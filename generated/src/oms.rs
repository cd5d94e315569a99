// Generated from specs/oms.yaml by `cargo xtask codegen`; do not edit.
//! OMS web service (backup applications)
//!
//! Application forms for data backups of server processes on a Yii-based OMS web service; one URL per action, selected further by query discriminators.
//!
//! Sources: `000_9d1f9f3a4c182467.txt` (BackupSvrDataApplyBlockTimer); `001_3c6b8e5d5fc90c8a.txt` (BackupSvrDataApply);
use crate::runtime;
/// The errors and response wrapper of this module's operations, for matching
/// without naming the runtime.
pub use runtime::{
    envelope::EnvelopeError, BuildError, Error, InvalidInput, ResponseValue, Secret,
    Violation,
};

/// The base URL template with its variables' defaults, the auth schemes, and the
/// query names whose values are secrets.
const TEMPLATE: runtime::Template = runtime::Template {
    base_url: "http://{OmsAddress}",
    variables: &[("OmsAddress", None)],
    schemes: 1,
    secret_names: &["access-token"],
};

/// Credential `access_token`: its slot and where it is sent.
const AUTH_ACCESS_TOKEN: runtime::TokenScheme = runtime::TokenScheme {
    slot: 0,
    location: runtime::Location::Query,
    name: "access-token",
};

/// Client for OMS web service (backup applications). Build with [`Client::builder`]; cheap to clone (the connection pool is shared).
#[derive(Debug, Clone)]
pub struct Client {
    transport: runtime::Transport,
}

impl Client {
    /// Starts a builder.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            inner: runtime::TransportBuilder::new(&TEMPLATE),
        }
    }

    /// The resolved base URL.
    pub fn base_url(&self) -> &str {
        self.transport.base_url()
    }
}

/// Builder for [`Client`]. Base URL template: `http://{OmsAddress}`.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    inner: runtime::TransportBuilder,
}

impl ClientBuilder {
    /// Use this base URL instead of filling the template.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.inner.base_url(url.into());
        self
    }

    /// Give up on a call after this long, reading the body included (error
    /// `Timeout`; default 15 s).
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.inner.timeout(timeout);
        self
    }

    /// Give up on connecting (TLS handshake included) after this long (default 10 s).
    pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.inner.connect_timeout(timeout);
        self
    }

    /// Refuse response bodies over this many bytes (error `TooLarge`; default 10 MiB).
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.inner.max_response_bytes(limit);
        self
    }

    /// Follow up to `max` redirects within the same origin (default 0: a 3xx is the
    /// error `Redirect`); another origin and 307/308 are never followed.
    pub fn max_redirects(mut self, max: usize) -> Self {
        self.inner.max_redirects(max);
        self
    }

    /// Also trust the CA certificate(s) in this PEM text (a private CA, a test server).
    pub fn add_root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.inner.add_root_certificate(pem.into());
        self
    }

    /// The `User-Agent` header of every request.
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.inner.user_agent(agent.into());
        self
    }

    /// Use this HTTP client (proxies, connection pools) instead of the default one; the
    /// timeout and body cap still apply, its TLS and redirect settings replace ours.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.inner.http_client(client);
        self
    }

    /// Base URL variable `OmsAddress`: Host (and port, if any) of the OMS web service (e.g. `omsaddress`).
    pub fn oms_address(mut self, value: impl Into<String>) -> Self {
        self.inner.variable("OmsAddress", value.into());
        self
    }

    /// Credential `access_token`, sent as query parameter `access-token`: OMS access token, obtained from the service's token call. Never printed.
    pub fn access_token(mut self, secret: impl Into<runtime::Secret>) -> Self {
        self.inner.credential(AUTH_ACCESS_TOKEN, secret.into());
        self
    }

    /// Fails when a base URL variable has neither a value nor a default, a CA
    /// certificate is not PEM, or a credential is shorter than 8 characters
    /// (`runtime::secret::MIN_SECRET_LEN`: it could not be redacted safely).
    pub fn build(self) -> Result<Client, runtime::BuildError> {
        self.inner.build().map(|transport| Client { transport })
    }
}

impl Client {
    /// Apply to block timer-driven data backups of backup processes.
    ///
    /// `POST /app/newoms.php/webservice/business/backup-svr-data/apply-block-timer` selected by `cmd=10016`, `ip-type=webservicerest`; success is HTTP 200.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:4-5`.
    ///
    /// # Errors
    ///
    /// [`ApplyBlockTimerError`] for the documented failures (`unauthorized`, `conflict_apply`, `source_ip`); also invalid input (checked before sending), envelope failures, undocumented statuses, undecodable bodies, transport errors and timeouts.
    ///
    /// # Example `documented_address`
    ///
    /// ```text
    /// The request address line with the Data Parameters body:
    /// POST /app/newoms.php/webservice/business/backup-svr-data/apply-block-timer?cmd=10016&ip-type=webservicerest&access-token=[redacted]
    ///
    /// {"set_id":126,"app_id":2,"svr_ids":["126.2.2.3"]}
    /// ```
    ///
    /// More examples in the fixtures: `curl_apply`, `invalid_credential`, `conflicting_application`.
    ///
    /// Returns a [`ApplyBlockTimerBuilder`]: set the parameters, then `.send().await`.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// use generated::oms as api;
    /// let client = api::Client::builder()
    ///     .base_url("https://api.example.com")
    ///     .access_token("TOKEN")
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .build()?;
    /// let call = client
    ///     .apply_block_timer()
    ///     .set_id(126)
    ///     .app_id(2)
    ///     .svr_ids(
    ///         api::ApplyBlockTimerSvrIds::Servers(Vec::from([String::from("126.2.2.3")])),
    ///     );
    /// let result = match call.clone().send().await {
    ///     Err(e) if e.is_retryable() => call.send().await,
    ///     other => other,
    /// };
    /// match result {
    ///     Ok(response) => {
    ///         let payload = response.into_inner();
    ///         println!("{payload:?}");
    ///     }
    ///     Err(api::Error::Documented { status, error }) => {
    ///         println!("HTTP {status}: {error:?}")
    ///     }
    ///     Err(e) => return Err(e.into()),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn apply_block_timer(&self) -> ApplyBlockTimerBuilder<'_> {
        ApplyBlockTimerBuilder {
            client: self,
            set_id: None,
            app_id: None,
            svr_ids: None,
        }
    }
}

/// One call of [`Client::apply_block_timer`]: a setter per parameter (required ones must be set, or `send` fails with [`Error::InvalidInput`] naming them before anything is sent), or [`ApplyBlockTimerBuilder::request`] with a whole [`ApplyBlockTimerRequest`].
///
/// Source: `000_9d1f9f3a4c182467.txt:4-5`.
#[derive(Debug, Clone)]
#[must_use = "a call builder does nothing until `send`"]
pub struct ApplyBlockTimerBuilder<'a> {
    client: &'a Client,
    set_id: Option<i32>,
    app_id: Option<i32>,
    svr_ids: Option<ApplyBlockTimerSvrIds>,
}

impl<'a> ApplyBlockTimerBuilder<'a> {
    /// Set id of the backup processes.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:9`.
    pub fn set_id(mut self, value: i32) -> Self {
        self.set_id = Some(value);
        self
    }

    /// App id of the backup processes.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:10`.
    pub fn app_id(mut self, value: i32) -> Self {
        self.app_id = Some(value);
        self
    }

    /// Processes whose timer backups to block, or 0 for every process under the app_id.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:11; erratum E1`.
    pub fn svr_ids(mut self, value: ApplyBlockTimerSvrIds) -> Self {
        self.svr_ids = Some(value);
        self
    }

    /// Every parameter from `request`, replacing those set so far.
    pub fn request(self, request: ApplyBlockTimerRequest) -> Self {
        Self {
            client: self.client,
            set_id: Some(request.set_id),
            app_id: Some(request.app_id),
            svr_ids: Some(request.svr_ids),
        }
    }

    /// The request from the parameters set, or every required one that is not.
    pub fn build(self) -> Result<ApplyBlockTimerRequest, runtime::InvalidInput> {
        match (self.set_id, self.app_id, self.svr_ids) {
            (Some(set_id), Some(app_id), Some(svr_ids)) => {
                Ok(ApplyBlockTimerRequest {
                    set_id,
                    app_id,
                    svr_ids,
                })
            }
            (set_id, app_id, svr_ids) => {
                Err(
                    runtime::check::missing(
                        &[
                            ("set_id", set_id.is_none()),
                            ("app_id", app_id.is_none()),
                            ("svr_ids", svr_ids.is_none()),
                        ],
                    ),
                )
            }
        }
    }

    /// Checks the parameters against the spec's constraints, sends the call and
    /// decodes the answer.
    pub async fn send(
        self,
    ) -> Result<
        runtime::ResponseValue<BlockTimerApplication>,
        runtime::Error<ApplyBlockTimerError>,
    > {
        let client = self.client;
        let request = self.build()?;
        Self::call(client, &request).await
    }

    /// Checks, sends and decodes one call with `request`.
    async fn call(
        client: &Client,
        request: &ApplyBlockTimerRequest,
    ) -> Result<
        runtime::ResponseValue<BlockTimerApplication>,
        runtime::Error<ApplyBlockTimerError>,
    > {
        runtime::check::validate(request)?;
        let mut call = client.transport.call(runtime::Method::POST);
        call.path(
            "/app/newoms.php/webservice/business/backup-svr-data/apply-block-timer",
        );
        call.query("cmd", "10016");
        call.query("ip-type", "webservicerest");
        call.json(request);
        call.token(AUTH_ACCESS_TOKEN);
        let response = call.send().await?;
        match response.status() {
            200 => response.result_code("ret", "msg", 0i64, &[""]),
            _ => response.failure(None),
        }
    }
}

/// Parameters of [`Client::apply_block_timer`]. Build with `new` (required parameters) and the setters (optional ones).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ApplyBlockTimerRequest {
    /// Set id of the backup processes.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:9`.
    pub set_id: i32,
    /// App id of the backup processes.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:10`.
    pub app_id: i32,
    /// Processes whose timer backups to block, or 0 for every process under the app_id.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:11; erratum E1`.
    pub svr_ids: ApplyBlockTimerSvrIds,
}

impl ApplyBlockTimerRequest {
    /// Creates the request from its required parameters.
    pub fn new(set_id: i32, app_id: i32, svr_ids: ApplyBlockTimerSvrIds) -> Self {
        Self { set_id, app_id, svr_ids }
    }
}

impl runtime::Check for ApplyBlockTimerRequest {
    fn check(&self, c: &mut runtime::Checker, at: &str) {
        let v = &self.svr_ids;
        runtime::Check::check(v, c, &runtime::check::join(at, "svr_ids"));
    }
}

/// Documented failures of [`Client::apply_block_timer`].
#[derive(Debug, Clone, PartialEq)]
pub enum ApplyBlockTimerError {
    /// Access token missing or invalid (HTTP 401).
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:50-56`.
    Unauthorized(YiiUnauthorized),
    /// Some processes are already covered by another backup application (any failure status).
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:57-61; erratum E6`.
    ConflictApply(ConflictApply),
    /// The caller's address is not whitelisted (any failure status).
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:88; erratum E5`.
    SourceIp(SourceIpRejected),
}

impl runtime::OpError for ApplyBlockTimerError {
    const CASES: &'static [runtime::ErrorCase] = &[
        runtime::ErrorCase::new("unauthorized", 401)
            .equals(&[("name", "\"Unauthorized\"")]),
        runtime::ErrorCase::new("conflict_apply", 422)
            .any_status()
            .fields(&["conflict_apply"]),
        runtime::ErrorCase::new("source_ip", 403).any_status().fields(&["source_ip"]),
    ];
    runtime::decl::op_error_methods!(Unauthorized = 0, ConflictApply = 1, SourceIp = 2);
}

impl Client {
    /// Apply for a table-based data backup, optionally auto-approved.
    ///
    /// `POST /app/newoms.php/webservice/business/backup-svr-data/apply` selected by `cmd=10009`, `ip-type=webservicerest`; success is HTTP 200.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:4-5`.
    ///
    /// # Errors
    ///
    /// [`ApplyTableBackupError`] for the documented failures (`unauthorized`, `source_ip`); also invalid input (checked before sending), envelope failures, undocumented statuses, undecodable bodies, transport errors and timeouts.
    ///
    /// # Example `documented_address`
    ///
    /// ```text
    /// The request address line with the Data Parameters body (numbers sent as strings):
    /// POST /app/newoms.php/webservice/business/backup-svr-data/apply?cmd=10009&ip-type=webservicerest&access-token=[redacted]
    ///
    /// {"set_id":"126","app_id":"2","zone_id":"0","svr_ids":["126.2.2.2","126.2.2.3"],"auto_approve":"0"}
    /// ```
    ///
    /// More examples in the fixtures: `curl_apply_servers`, `auto_approved_all`, `invalid_credential`, `source_not_whitelisted`.
    ///
    /// Returns a [`ApplyTableBackupBuilder`]: set the parameters, then `.send().await`.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// use generated::oms as api;
    /// let client = api::Client::builder()
    ///     .base_url("https://api.example.com")
    ///     .access_token("TOKEN")
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .build()?;
    /// let call = client
    ///     .apply_table_backup()
    ///     .set_id(126)
    ///     .app_id(2)
    ///     .zone_id(api::ApplyTableBackupZoneId::Zone(0))
    ///     .svr_ids(
    ///         api::ApplyTableBackupSvrIds::Servers(
    ///             Vec::from([String::from("126.2.2.2"), String::from("126.2.2.3")]),
    ///         ),
    ///     )
    ///     .auto_approve(0);
    /// let result = match call.clone().send().await {
    ///     Err(e) if e.is_retryable() => call.send().await,
    ///     other => other,
    /// };
    /// match result {
    ///     Ok(response) => {
    ///         let payload = response.into_inner();
    ///         println!("{payload:?}");
    ///     }
    ///     Err(api::Error::Documented { status, error }) => {
    ///         println!("HTTP {status}: {error:?}")
    ///     }
    ///     Err(e) => return Err(e.into()),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn apply_table_backup(&self) -> ApplyTableBackupBuilder<'_> {
        ApplyTableBackupBuilder {
            client: self,
            set_id: None,
            app_id: None,
            zone_id: None,
            table_name: None,
            svr_ids: None,
            auto_approve: None,
        }
    }
}

/// One call of [`Client::apply_table_backup`]: a setter per parameter (required ones must be set, or `send` fails with [`Error::InvalidInput`] naming them before anything is sent), or [`ApplyTableBackupBuilder::request`] with a whole [`ApplyTableBackupRequest`].
///
/// Source: `001_3c6b8e5d5fc90c8a.txt:4-5`.
#[derive(Debug, Clone)]
#[must_use = "a call builder does nothing until `send`"]
pub struct ApplyTableBackupBuilder<'a> {
    client: &'a Client,
    set_id: Option<i32>,
    app_id: Option<i32>,
    zone_id: Option<ApplyTableBackupZoneId>,
    table_name: Option<String>,
    svr_ids: Option<ApplyTableBackupSvrIds>,
    auto_approve: Option<i32>,
}

impl<'a> ApplyTableBackupBuilder<'a> {
    /// Set id of the data to back up.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:9`.
    pub fn set_id(mut self, value: i32) -> Self {
        self.set_id = Some(value);
        self
    }

    /// App id within the set.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:10`.
    pub fn app_id(mut self, value: i32) -> Self {
        self.app_id = Some(value);
        self
    }

    /// Zone of the data; the service refuses a zone without tables. The page has it empty when svr_ids is 0.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:11`.
    pub fn zone_id(mut self, value: ApplyTableBackupZoneId) -> Self {
        self.zone_id = Some(value);
        self
    }

    /// Back up only this table. The page has it empty when svr_ids is 0.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:12`.
    pub fn table_name(mut self, value: impl Into<String>) -> Self {
        self.table_name = Some(value.into());
        self
    }

    /// Processes to back up (slave processes only), or 0 for the processes of all apps.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:13`.
    pub fn svr_ids(mut self, value: ApplyTableBackupSvrIds) -> Self {
        self.svr_ids = Some(value);
        self
    }

    /// 1 to approve the application at once (when the set allows it), 0 not to.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:14; inferred: the remark's default (no auto-approval) is the 0 of the type cell's `(0 or 1)``.
    pub fn auto_approve(mut self, value: i32) -> Self {
        self.auto_approve = Some(value);
        self
    }

    /// Every parameter from `request`, replacing those set so far.
    pub fn request(self, request: ApplyTableBackupRequest) -> Self {
        Self {
            client: self.client,
            set_id: Some(request.set_id),
            app_id: Some(request.app_id),
            zone_id: request.zone_id,
            table_name: request.table_name,
            svr_ids: request.svr_ids,
            auto_approve: request.auto_approve,
        }
    }

    /// The request from the parameters set, or every required one that is not.
    pub fn build(self) -> Result<ApplyTableBackupRequest, runtime::InvalidInput> {
        match (self.set_id, self.app_id) {
            (Some(set_id), Some(app_id)) => {
                Ok(ApplyTableBackupRequest {
                    set_id,
                    app_id,
                    zone_id: self.zone_id,
                    table_name: self.table_name,
                    svr_ids: self.svr_ids,
                    auto_approve: self.auto_approve,
                })
            }
            (set_id, app_id) => {
                Err(
                    runtime::check::missing(
                        &[("set_id", set_id.is_none()), ("app_id", app_id.is_none())],
                    ),
                )
            }
        }
    }

    /// Checks the parameters against the spec's constraints, sends the call and
    /// decodes the answer.
    pub async fn send(
        self,
    ) -> Result<
        runtime::ResponseValue<TableBackupApplication>,
        runtime::Error<ApplyTableBackupError>,
    > {
        let client = self.client;
        let request = self.build()?;
        Self::call(client, &request).await
    }

    /// Checks, sends and decodes one call with `request`.
    async fn call(
        client: &Client,
        request: &ApplyTableBackupRequest,
    ) -> Result<
        runtime::ResponseValue<TableBackupApplication>,
        runtime::Error<ApplyTableBackupError>,
    > {
        runtime::check::validate(request)?;
        let mut call = client.transport.call(runtime::Method::POST);
        call.path("/app/newoms.php/webservice/business/backup-svr-data/apply");
        call.query("cmd", "10009");
        call.query("ip-type", "webservicerest");
        call.json(request);
        call.token(AUTH_ACCESS_TOKEN);
        let response = call.send().await?;
        match response.status() {
            200 => response.result_code("ret", "msg", 0i64, &["apply", "check"]),
            _ => response.failure(None),
        }
    }
}

/// Parameters of [`Client::apply_table_backup`]. Build with `new` (required parameters) and the setters (optional ones).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ApplyTableBackupRequest {
    /// Set id of the data to back up.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:9`.
    #[serde(with = "runtime::wire::string")]
    pub set_id: i32,
    /// App id within the set.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:10`.
    #[serde(with = "runtime::wire::string")]
    pub app_id: i32,
    /// Zone of the data; the service refuses a zone without tables. The page has it empty when svr_ids is 0.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:11`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone_id: Option<ApplyTableBackupZoneId>,
    /// Back up only this table. The page has it empty when svr_ids is 0.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:12`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table_name: Option<String>,
    /// Processes to back up (slave processes only), or 0 for the processes of all apps.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:13`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub svr_ids: Option<ApplyTableBackupSvrIds>,
    /// 1 to approve the application at once (when the set allows it), 0 not to.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:14; inferred: the remark's default (no auto-approval) is the 0 of the type cell's `(0 or 1)``.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::wire::string"
    )]
    pub auto_approve: Option<i32>,
}

impl ApplyTableBackupRequest {
    /// Creates the request from its required parameters.
    pub fn new(set_id: i32, app_id: i32) -> Self {
        Self {
            set_id,
            app_id,
            zone_id: None,
            table_name: None,
            svr_ids: None,
            auto_approve: None,
        }
    }

    /// Zone of the data; the service refuses a zone without tables. The page has it empty when svr_ids is 0.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:11`.
    pub fn zone_id(mut self, value: ApplyTableBackupZoneId) -> Self {
        self.zone_id = Some(value);
        self
    }

    /// Back up only this table. The page has it empty when svr_ids is 0.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:12`.
    pub fn table_name(mut self, value: impl Into<String>) -> Self {
        self.table_name = Some(value.into());
        self
    }

    /// Processes to back up (slave processes only), or 0 for the processes of all apps.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:13`.
    pub fn svr_ids(mut self, value: ApplyTableBackupSvrIds) -> Self {
        self.svr_ids = Some(value);
        self
    }

    /// 1 to approve the application at once (when the set allows it), 0 not to.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:14; inferred: the remark's default (no auto-approval) is the 0 of the type cell's `(0 or 1)``.
    pub fn auto_approve(mut self, value: i32) -> Self {
        self.auto_approve = Some(value);
        self
    }
}

impl runtime::Check for ApplyTableBackupRequest {
    fn check(&self, c: &mut runtime::Checker, at: &str) {
        if let Some(v) = &self.svr_ids {
            runtime::Check::check(v, c, &runtime::check::join(at, "svr_ids"));
        }
        if let Some(v) = &self.auto_approve {
            c.range(at, "auto_approve", i64::from(*v), Some(0i64), Some(1i64));
        }
    }
}

/// Documented failures of [`Client::apply_table_backup`].
#[derive(Debug, Clone, PartialEq)]
pub enum ApplyTableBackupError {
    /// Access token missing or invalid (HTTP 401).
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:80-86`.
    Unauthorized(YiiUnauthorized),
    /// The caller's address is not whitelisted (any failure status).
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:88; erratum E17`.
    SourceIp(SourceIpRejected),
}

impl runtime::OpError for ApplyTableBackupError {
    const CASES: &'static [runtime::ErrorCase] = &[
        runtime::ErrorCase::new("unauthorized", 401)
            .equals(&[("name", "\"Unauthorized\"")]),
        runtime::ErrorCase::new("source_ip", 403).any_status().fields(&["source_ip"]),
    ];
    runtime::decl::op_error_methods!(Unauthorized = 0, SourceIp = 1);
}

impl Client {
    /// Reject a data backup application form.
    ///
    /// `POST /app/newoms.php/webservice/business/backup-svr-data/reject` selected by `ip-type=webservicerest`; success is HTTP 200. The page does not give the address: it is the spec's assumption. Since version 3.55.1.
    ///
    /// Source: `erratum E11`.
    ///
    /// # Errors
    ///
    /// [`RejectApplicationError`] for the documented failures (`unauthorized`, `apply_not_found`, `source_ip`); also invalid input (checked before sending), envelope failures, undocumented statuses, undecodable bodies, transport errors and timeouts.
    ///
    /// # Example `reject_form`
    ///
    /// ```text
    /// The rejection body with its success return (`true`); the address is our assumption:
    /// POST /app/newoms.php/webservice/business/backup-svr-data/reject?ip-type=webservicerest&access-token=[redacted]
    ///
    /// {"apply_id":"100","memo":"test"}
    ///
    /// HTTP 200
    /// true
    /// ```
    ///
    /// More examples in the fixtures: `unknown_application`.
    ///
    /// Returns a [`RejectApplicationBuilder`]: set the parameters, then `.send().await`.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// use generated::oms as api;
    /// let client = api::Client::builder()
    ///     .base_url("https://api.example.com")
    ///     .access_token("TOKEN")
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .build()?;
    /// let call = client.reject_application().apply_id(100).memo("test");
    /// let result = match call.clone().send().await {
    ///     Err(e) if e.is_retryable() => call.send().await,
    ///     other => other,
    /// };
    /// match result {
    ///     Ok(response) => {
    ///         let payload = response.into_inner();
    ///         println!("{payload:?}");
    ///     }
    ///     Err(api::Error::Documented { status, error }) => {
    ///         println!("HTTP {status}: {error:?}")
    ///     }
    ///     Err(e) => return Err(e.into()),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn reject_application(&self) -> RejectApplicationBuilder<'_> {
        RejectApplicationBuilder {
            client: self,
            apply_id: None,
            memo: None,
        }
    }
}

/// One call of [`Client::reject_application`]: a setter per parameter (required ones must be set, or `send` fails with [`Error::InvalidInput`] naming them before anything is sent), or [`RejectApplicationBuilder::request`] with a whole [`RejectApplicationRequest`].
///
/// Source: `erratum E11`.
#[derive(Debug, Clone)]
#[must_use = "a call builder does nothing until `send`"]
pub struct RejectApplicationBuilder<'a> {
    client: &'a Client,
    apply_id: Option<i32>,
    memo: Option<String>,
}

impl<'a> RejectApplicationBuilder<'a> {
    /// Id of the application form to reject.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:30; erratum E12`.
    pub fn apply_id(mut self, value: i32) -> Self {
        self.apply_id = Some(value);
        self
    }

    /// Reason for the rejection.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:31; erratum E12`.
    pub fn memo(mut self, value: impl Into<String>) -> Self {
        self.memo = Some(value.into());
        self
    }

    /// Every parameter from `request`, replacing those set so far.
    pub fn request(self, request: RejectApplicationRequest) -> Self {
        Self {
            client: self.client,
            apply_id: Some(request.apply_id),
            memo: request.memo,
        }
    }

    /// The request from the parameters set, or every required one that is not.
    pub fn build(self) -> Result<RejectApplicationRequest, runtime::InvalidInput> {
        match (self.apply_id,) {
            (Some(apply_id),) => {
                Ok(RejectApplicationRequest {
                    apply_id,
                    memo: self.memo,
                })
            }
            (apply_id,) => {
                Err(runtime::check::missing(&[("apply_id", apply_id.is_none())]))
            }
        }
    }

    /// Checks the parameters against the spec's constraints, sends the call and
    /// decodes the answer.
    pub async fn send(
        self,
    ) -> Result<runtime::ResponseValue<bool>, runtime::Error<RejectApplicationError>> {
        let client = self.client;
        let request = self.build()?;
        Self::call(client, &request).await
    }

    /// Checks, sends and decodes one call with `request`.
    async fn call(
        client: &Client,
        request: &RejectApplicationRequest,
    ) -> Result<runtime::ResponseValue<bool>, runtime::Error<RejectApplicationError>> {
        let mut call = client.transport.call(runtime::Method::POST);
        call.path("/app/newoms.php/webservice/business/backup-svr-data/reject");
        call.query("ip-type", "webservicerest");
        call.json(request);
        call.token(AUTH_ACCESS_TOKEN);
        let response = call.send().await?;
        match response.status() {
            200 => response.json(),
            _ => response.failure(None),
        }
    }
}

/// Parameters of [`Client::reject_application`]. Build with `new` (required parameters) and the setters (optional ones).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct RejectApplicationRequest {
    /// Id of the application form to reject.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:30; erratum E12`.
    #[serde(with = "runtime::wire::string")]
    pub apply_id: i32,
    /// Reason for the rejection.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:31; erratum E12`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
}

impl RejectApplicationRequest {
    /// Creates the request from its required parameters.
    pub fn new(apply_id: i32) -> Self {
        Self { apply_id, memo: None }
    }

    /// Reason for the rejection.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:31; erratum E12`.
    pub fn memo(mut self, value: impl Into<String>) -> Self {
        self.memo = Some(value.into());
        self
    }
}

/// Documented failures of [`Client::reject_application`].
#[derive(Debug, Clone, PartialEq)]
pub enum RejectApplicationError {
    /// Access token missing or invalid (HTTP 401).
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:80-86`.
    Unauthorized(YiiUnauthorized),
    /// No application form has the given id (any failure status).
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:90-95; erratum E17`.
    ApplyNotFound(ApplyIdRejected),
    /// The caller's address is not whitelisted (any failure status).
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:88; erratum E17`.
    SourceIp(SourceIpRejected),
}

impl runtime::OpError for RejectApplicationError {
    const CASES: &'static [runtime::ErrorCase] = &[
        runtime::ErrorCase::new("unauthorized", 401)
            .equals(&[("name", "\"Unauthorized\"")]),
        runtime::ErrorCase::new("apply_not_found", 422)
            .any_status()
            .fields(&["apply_id"]),
        runtime::ErrorCase::new("source_ip", 403).any_status().fields(&["source_ip"]),
    ];
    runtime::decl::op_error_methods!(Unauthorized = 0, ApplyNotFound = 1, SourceIp = 2);
}

/// The application form created to block timer-driven backups.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct BlockTimerApplication {
    /// Id of the new application form (used when approving it).
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:29; erratum E18`.
    pub id: i32,
}

impl BlockTimerApplication {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(id: i32) -> Self {
        Self { id }
    }
}

/// Outcome of a table backup application, and of its auto-approval when requested.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct TableBackupApplication {
    /// The application step.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:37; erratum E19`.
    pub apply: ApplyOutcome,
    /// The approval step; present when the application was auto-approved (as in successful example 2).
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:38; 001_3c6b8e5d5fc90c8a.txt:63-75`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckOutcome>,
}

impl TableBackupApplication {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(apply: ApplyOutcome) -> Self {
        Self { apply, check: None }
    }

    /// The approval step; present when the application was auto-approved (as in successful example 2).
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:38; 001_3c6b8e5d5fc90c8a.txt:63-75`.
    pub fn check(mut self, value: CheckOutcome) -> Self {
        self.check = Some(value);
        self
    }
}

/// Result of filing the application (its ret/msg are the envelope).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ApplyOutcome {
    /// Id of the application form (used when approving it).
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:37; erratum E18; erratum E19`.
    pub id: i32,
}

impl ApplyOutcome {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(id: i32) -> Self {
        Self { id }
    }
}

/// Result of the automatic approval (its ret/msg are the envelope).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct CheckOutcome {
    /// Id of the backup transaction the approval started.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:38; erratum E19`.
    pub trans_id: i32,
}

impl CheckOutcome {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(trans_id: i32) -> Self {
        Self { trans_id }
    }
}

/// Yii framework error object for a missing or invalid access token.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct YiiUnauthorized {
    /// HTTP reason phrase (`Unauthorized`).
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:50-56; erratum E19`.
    pub name: String,
    /// Human-readable reason.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:50-56; erratum E19`.
    pub message: String,
    /// Application error code (0).
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:50-56; erratum E19`.
    pub code: i32,
    /// HTTP status repeated in the body.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:50-56; erratum E19`.
    pub status: i32,
    /// Exception class name.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:50-56; erratum E19`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

impl YiiUnauthorized {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(
        name: impl Into<String>,
        message: impl Into<String>,
        code: i32,
        status: i32,
    ) -> Self {
        Self {
            name: name.into(),
            message: message.into(),
            code,
            status,
            r#type: None,
        }
    }

    /// Exception class name.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:50-56; erratum E19`.
    pub fn r#type(mut self, value: impl Into<String>) -> Self {
        self.r#type = Some(value.into());
        self
    }
}

/// The listed processes already have a conflicting backup application.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ConflictApply {
    /// Messages naming the conflicting application ids.
    ///
    /// Source: `000_9d1f9f3a4c182467.txt:57-61; erratum E19`.
    pub conflict_apply: Vec<String>,
}

impl ConflictApply {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(conflict_apply: Vec<String>) -> Self {
        Self { conflict_apply }
    }
}

/// The caller's address is not on the service's whitelist.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct SourceIpRejected {
    /// Message naming the rejected address.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:88; erratum E19`.
    pub source_ip: String,
}

impl SourceIpRejected {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(source_ip: impl Into<String>) -> Self {
        Self {
            source_ip: source_ip.into(),
        }
    }
}

/// The application form to act on was not found.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ApplyIdRejected {
    /// Messages about the application id.
    ///
    /// Source: `001_3c6b8e5d5fc90c8a.txt:90-95; erratum E19`.
    pub apply_id: Vec<String>,
}

impl ApplyIdRejected {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(apply_id: Vec<String>) -> Self {
        Self { apply_id }
    }
}

/// One of 2 alternatives, tried in order.
#[derive(Debug, Clone, PartialEq)]
pub enum ApplyBlockTimerSvrIds {
    /// The listed backup processes (dotted four-number ids).
    Servers(Vec<String>),
    /// Every backup process under the app.
    All,
}

impl serde::Serialize for ApplyBlockTimerSvrIds {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Servers(v) => serde::Serialize::serialize(v, s),
            Self::All => serde::Serialize::serialize(&runtime::wire::literal("0"), s),
        }
    }
}

impl<'de> serde::Deserialize<'de> for ApplyBlockTimerSvrIds {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
        let text = runtime::wire::json_text(&v);
        if let Ok(x) = serde_json::from_value::<Vec<String>>(v.clone()) {
            return Ok(Self::Servers(x));
        }
        if text == "0" {
            return Ok(Self::All);
        }
        Err(
            serde::de::Error::custom(
                format!(
                    "{}: {}",
                    "a value matching none of the alternatives of ApplyBlockTimerSvrIds",
                    text
                ),
            ),
        )
    }
}

impl runtime::Check for ApplyBlockTimerSvrIds {
    fn check(&self, c: &mut runtime::Checker, at: &str) {
        if let Self::Servers(v) = self {
            for v in v {
                c.pattern(
                    at,
                    "[]",
                    v,
                    "^[0-9]+(\\.[0-9]+){3}$",
                    "matching `^[0-9]+(\\.[0-9]+){3}$`",
                );
            }
        }
    }
}

/// One of 2 alternatives, tried in order.
#[derive(Debug, Clone, PartialEq)]
pub enum ApplyTableBackupZoneId {
    /// A zone id.
    Zone(i32),
    /// The empty string the page prescribes when svr_ids is 0.
    Empty,
}

impl serde::Serialize for ApplyTableBackupZoneId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Zone(v) => runtime::wire::string::serialize(v, s),
            Self::Empty => {
                serde::Serialize::serialize(&runtime::wire::literal("\"\""), s)
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for ApplyTableBackupZoneId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
        let text = runtime::wire::json_text(&v);
        if let Ok(x) = <i32 as runtime::wire::StrForm>::from_wire(v.clone()) {
            return Ok(Self::Zone(x));
        }
        if text == "\"\"" {
            return Ok(Self::Empty);
        }
        Err(
            serde::de::Error::custom(
                format!(
                    "{}: {}",
                    "a value matching none of the alternatives of ApplyTableBackupZoneId",
                    text
                ),
            ),
        )
    }
}

/// One of 2 alternatives, tried in order.
#[derive(Debug, Clone, PartialEq)]
pub enum ApplyTableBackupSvrIds {
    /// The listed backup processes (dotted four-number ids).
    Servers(Vec<String>),
    /// The processes of all apps.
    All,
}

impl serde::Serialize for ApplyTableBackupSvrIds {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Servers(v) => serde::Serialize::serialize(v, s),
            Self::All => serde::Serialize::serialize(&runtime::wire::literal("0"), s),
        }
    }
}

impl<'de> serde::Deserialize<'de> for ApplyTableBackupSvrIds {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
        let text = runtime::wire::json_text(&v);
        if let Ok(x) = serde_json::from_value::<Vec<String>>(v.clone()) {
            return Ok(Self::Servers(x));
        }
        if text == "0" {
            return Ok(Self::All);
        }
        Err(
            serde::de::Error::custom(
                format!(
                    "{}: {}",
                    "a value matching none of the alternatives of ApplyTableBackupSvrIds",
                    text
                ),
            ),
        )
    }
}

impl runtime::Check for ApplyTableBackupSvrIds {
    fn check(&self, c: &mut runtime::Checker, at: &str) {
        if let Self::Servers(v) = self {
            for v in v {
                c.pattern(
                    at,
                    "[]",
                    v,
                    "^[0-9]+(\\.[0-9]+){3}$",
                    "matching `^[0-9]+(\\.[0-9]+){3}$`",
                );
            }
        }
    }
}
