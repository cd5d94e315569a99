// Generated from specs/gaussdb_mysql.yaml by `cargo xtask codegen`; do not edit.
//! Huawei Cloud GaussDB(for MySQL)
//!
//! Manual full backups of GaussDB(for MySQL) instances.
//!
//! Sources: `003_05e3c4c62424c76d.txt` (Criação de um backup manual); documented version v3.
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
    base_url: "https://{endpoint}",
    variables: &[("endpoint", None)],
    schemes: 2,
    secret_names: &[],
};

/// Credential `token`: its slot and where it is sent.
const AUTH_TOKEN: runtime::TokenScheme = runtime::TokenScheme {
    slot: 0,
    location: runtime::Location::Header,
    name: "X-Auth-Token",
};

/// Client for Huawei Cloud GaussDB(for MySQL). Build with [`Client::builder`]; cheap to clone (the connection pool is shared).
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

/// Builder for [`Client`]. Base URL template: `https://{endpoint}`.
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

    /// Base URL variable `endpoint`: Regional GaussDB endpoint host (e.g. `gaussdb.sa-brazil-1.myhuaweicloud.com`).
    pub fn endpoint(mut self, value: impl Into<String>) -> Self {
        self.inner.variable("endpoint", value.into());
        self
    }

    /// Credential `token`, sent as header `X-Auth-Token`: IAM user token (the X-Subject-Token returned by IAM). Never printed.
    pub fn token(mut self, secret: impl Into<runtime::Secret>) -> Self {
        self.inner.credential(AUTH_TOKEN, secret.into());
        self
    }

    /// Access key of `aksk`: AK/SK request signing of the Huawei Cloud API Gateway, the SDKs' default; the IAM token is the alternative. Requests are signed (SDK-HMAC-SHA256) when both keys are set and no token is.
    pub fn access_key(mut self, key: impl Into<runtime::Secret>) -> Self {
        self.inner.access_key(key.into());
        self
    }

    /// Secret key of `aksk`, the HMAC key; never sent and never printed.
    pub fn secret_key(mut self, key: impl Into<runtime::Secret>) -> Self {
        self.inner.secret_key(key.into());
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
    /// Start a manual full backup of a GaussDB(for MySQL) instance.
    ///
    /// `POST /v3/{project_id}/backups/create`; success is HTTP 201.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:7`.
    ///
    /// # Errors
    ///
    /// [`CreateManualBackupError`] for the documented failures (`bad_request`, `server_error`, `unauthorized`); also invalid input (checked before sending), envelope failures, undocumented statuses, undecodable bodies, transport errors and timeouts.
    ///
    /// # Example `create_backup`
    ///
    /// ```text
    /// The request example and its 201 answer (answer corrected to valid JSON):
    /// POST /v3/619d3e78f61b4be68bc5aa0b59edcf7b/backups/create
    /// X-Auth-Token: [redacted]
    ///
    /// {"instance_id":"07033b125fd94a8a96896f8bcfee6ddain07","name":"backup-1","description":"Manual backup"}
    ///
    /// HTTP 201
    /// {"backup":{"id":"2f4ddb93-b901-4b08-93d8-1d2e472f30fe","name":"backup-1","description":"Manual backup","begin_time":"2020-07-07T01:17:05+0800","status":"BUILDING","type":"manual","instance_id":"07033b125fd94a8a96896f8bcfee6ddain07"},"job_id":"e0fbbfc8-1ac4-4721-b9e9-7dd685c5bdd7"}
    /// ```
    ///
    /// Returns a [`CreateManualBackupBuilder`]: set the parameters, then `.send().await`.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// use generated::gaussdb_mysql as api;
    /// let client = api::Client::builder()
    ///     .base_url("https://api.example.com")
    ///     .token("TOKEN")
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .build()?;
    /// let call = client
    ///     .create_manual_backup()
    ///     .project_id("619d3e78f61b4be68bc5aa0b59edcf7b")
    ///     .instance_id("07033b125fd94a8a96896f8bcfee6ddain07")
    ///     .name("backup-1")
    ///     .description("Manual backup");
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
    pub fn create_manual_backup(&self) -> CreateManualBackupBuilder<'_> {
        CreateManualBackupBuilder {
            client: self,
            project_id: None,
            x_language: None,
            instance_id: None,
            name: None,
            description: None,
        }
    }
}

/// One call of [`Client::create_manual_backup`]: a setter per parameter (required ones must be set, or `send` fails with [`Error::InvalidInput`] naming them before anything is sent), or [`CreateManualBackupBuilder::request`] with a whole [`CreateManualBackupRequest`].
///
/// Source: `003_05e3c4c62424c76d.txt:7`.
#[derive(Debug, Clone)]
#[must_use = "a call builder does nothing until `send`"]
pub struct CreateManualBackupBuilder<'a> {
    client: &'a Client,
    project_id: Option<ProjectId>,
    x_language: Option<String>,
    instance_id: Option<InstanceId>,
    name: Option<String>,
    description: Option<String>,
}

impl<'a> CreateManualBackupBuilder<'a> {
    /// Project id in the region.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:13-16`.
    pub fn project_id(mut self, value: impl Into<ProjectId>) -> Self {
        self.project_id = Some(value.into());
        self
    }

    /// Language of the request.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:27-30; erratum E4`.
    pub fn x_language(mut self, value: impl Into<String>) -> Self {
        self.x_language = Some(value.into());
        self
    }

    /// Id of the instance to back up.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:37-40`.
    pub fn instance_id(mut self, value: impl Into<InstanceId>) -> Self {
        self.instance_id = Some(value.into());
        self
    }

    /// Backup name; starts with a letter, then letters, digits, - or _.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:41-44`.
    pub fn name(mut self, value: impl Into<String>) -> Self {
        self.name = Some(value.into());
        self
    }

    /// Free-text backup description.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:45-48`.
    pub fn description(mut self, value: impl Into<String>) -> Self {
        self.description = Some(value.into());
        self
    }

    /// Every parameter from `request`, replacing those set so far.
    pub fn request(self, request: CreateManualBackupRequest) -> Self {
        Self {
            client: self.client,
            project_id: Some(request.project_id),
            x_language: request.x_language,
            instance_id: Some(request.instance_id),
            name: Some(request.name),
            description: request.description,
        }
    }

    /// The request from the parameters set, or every required one that is not.
    pub fn build(self) -> Result<CreateManualBackupRequest, runtime::InvalidInput> {
        match (self.project_id, self.instance_id, self.name) {
            (Some(project_id), Some(instance_id), Some(name)) => {
                Ok(CreateManualBackupRequest {
                    project_id,
                    instance_id,
                    name,
                    x_language: self.x_language,
                    description: self.description,
                })
            }
            (project_id, instance_id, name) => {
                Err(
                    runtime::check::missing(
                        &[
                            ("project_id", project_id.is_none()),
                            ("instance_id", instance_id.is_none()),
                            ("name", name.is_none()),
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
        runtime::ResponseValue<CreatedBackup>,
        runtime::Error<CreateManualBackupError>,
    > {
        let client = self.client;
        let request = self.build()?;
        Self::call(client, &request).await
    }

    /// Checks, sends and decodes one call with `request`.
    async fn call(
        client: &Client,
        request: &CreateManualBackupRequest,
    ) -> Result<
        runtime::ResponseValue<CreatedBackup>,
        runtime::Error<CreateManualBackupError>,
    > {
        runtime::check::validate(request)?;
        let mut call = client.transport.call(runtime::Method::POST);
        call.path("/v3/");
        call.path_param(&request.project_id);
        call.path("/backups/create");
        call.header("X-Language", &request.x_language);
        call.json(request);
        call.token(AUTH_TOKEN);
        call.sign_if_keys();
        let response = call.send().await?;
        match response.status() {
            201 => response.json(),
            _ => response.failure(None),
        }
    }
}

/// Parameters of [`Client::create_manual_backup`]. Build with `new` (required parameters) and the setters (optional ones). Deserializes from every parameter; serializes to the body members only (the call sends the others in its path, query or headers).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct CreateManualBackupRequest {
    /// Project id in the region.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:13-16`.
    #[serde(skip_serializing)]
    pub project_id: ProjectId,
    /// Language of the request.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:27-30; erratum E4`.
    #[serde(rename = "X-Language", skip_serializing, default)]
    pub x_language: Option<String>,
    /// Id of the instance to back up.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:37-40`.
    pub instance_id: InstanceId,
    /// Backup name; starts with a letter, then letters, digits, - or _.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:41-44`.
    pub name: String,
    /// Free-text backup description.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:45-48`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl CreateManualBackupRequest {
    /// Creates the request from its required parameters.
    pub fn new(
        project_id: impl Into<ProjectId>,
        instance_id: impl Into<InstanceId>,
        name: impl Into<String>,
    ) -> Self {
        Self {
            project_id: project_id.into(),
            x_language: None,
            instance_id: instance_id.into(),
            name: name.into(),
            description: None,
        }
    }

    /// Language of the request.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:27-30; erratum E4`.
    pub fn x_language(mut self, value: impl Into<String>) -> Self {
        self.x_language = Some(value.into());
        self
    }

    /// Free-text backup description.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:45-48`.
    pub fn description(mut self, value: impl Into<String>) -> Self {
        self.description = Some(value.into());
        self
    }
}

impl runtime::Check for CreateManualBackupRequest {
    fn check(&self, c: &mut runtime::Checker, at: &str) {
        let v = &self.project_id;
        let v = v.as_str();
        c.length(at, "project_id", v, Some(1u32), None);
        let v = &self.instance_id;
        let v = v.as_str();
        c.length(at, "instance_id", v, Some(1u32), None);
        let v = &self.name;
        c.length(at, "name", v, Some(4u32), Some(64u32));
        c.pattern(
            at,
            "name",
            v,
            "^[A-Za-z][A-Za-z0-9_-]*$",
            "matching `^[A-Za-z][A-Za-z0-9_-]*$`",
        );
        if let Some(v) = &self.description {
            c.length(at, "description", v, None, Some(256u32));
            c.forbidden(at, "description", v, ">!<\"&'=");
        }
    }
}

/// Documented failures of [`Client::create_manual_backup`].
#[derive(Debug, Clone, PartialEq)]
pub enum CreateManualBackupError {
    /// The request was refused (invalid parameters or state) (HTTP 400).
    ///
    /// Source: `003_05e3c4c62424c76d.txt:86-96`.
    BadRequest(ApiError),
    /// The service failed internally (HTTP 500).
    ///
    /// Source: `003_05e3c4c62424c76d.txt:97-107`.
    ServerError(ApiError),
    /// Token missing, invalid or expired (any failure status).
    ///
    /// Source: `erratum E6`.
    Unauthorized(ApiError),
}

impl runtime::OpError for CreateManualBackupError {
    const CASES: &'static [runtime::ErrorCase] = &[
        runtime::ErrorCase::new("bad_request", 400).fields(&["error_code", "error_msg"]),
        runtime::ErrorCase::new("server_error", 500)
            .fields(&["error_code", "error_msg"])
            .retryable(),
        runtime::ErrorCase::new("unauthorized", 401)
            .any_status()
            .fields(&["error_code", "error_msg"]),
    ];
    runtime::decl::op_error_methods!(BadRequest = 0, ServerError = 1, Unauthorized = 2);
}

/// The backup just started and the job that runs it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct CreatedBackup {
    /// The new backup.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:55-57; erratum E9`.
    pub backup: Backup,
    /// Id of the job creating the backup.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:58-60; erratum E9`.
    pub job_id: String,
}

impl CreatedBackup {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(backup: Backup, job_id: impl Into<String>) -> Self {
        Self {
            backup,
            job_id: job_id.into(),
        }
    }
}

/// A backup of an instance.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Backup {
    /// Backup id.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:65-67; erratum E9`.
    pub id: String,
    /// Backup name.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:68-70; erratum E9`.
    pub name: String,
    /// Backup description.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:71-73`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When the backup started, with a UTC offset.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:74-76`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin_time: Option<String>,
    /// Backup state.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:77-79; erratum E9`.
    pub status: BackupStatus,
    /// Backup kind.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:80-82; erratum E9`.
    pub r#type: BackupType,
    /// Id of the backed-up instance.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:83-85; erratum E9`.
    pub instance_id: String,
}

impl Backup {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        status: BackupStatus,
        r#type: BackupType,
        instance_id: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            description: None,
            begin_time: None,
            status,
            r#type,
            instance_id: instance_id.into(),
        }
    }

    /// Backup description.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:71-73`.
    pub fn description(mut self, value: impl Into<String>) -> Self {
        self.description = Some(value.into());
        self
    }

    /// When the backup started, with a UTC offset.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:74-76`.
    pub fn begin_time(mut self, value: impl Into<String>) -> Self {
        self.begin_time = Some(value.into());
        self
    }
}

/// State of a backup, as far as this page documents it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BackupStatus {
    /// Backup in progress.
    Building,
    /// A value this client does not know (kept as sent).
    Unknown(String),
}

runtime::decl::string_enum!(BackupStatus { Building => "BUILDING" });

/// Kind of backup, as far as this page documents it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BackupType {
    /// Manual full backup.
    Manual,
    /// A value this client does not know (kept as sent).
    Unknown(String),
}

runtime::decl::string_enum!(BackupType { Manual => "manual" });

/// Common Huawei Cloud error body.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ApiError {
    /// Service error code.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:86-96; erratum E9`.
    pub error_code: String,
    /// Human-readable message.
    ///
    /// Source: `003_05e3c4c62424c76d.txt:86-96; erratum E9`.
    pub error_msg: String,
}

impl ApiError {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(error_code: impl Into<String>, error_msg: impl Into<String>) -> Self {
        Self {
            error_code: error_code.into(),
            error_msg: error_msg.into(),
        }
    }
}

/// Identifies one project (`project`): a string with a type of its own, so the id of another kind of thing does not fit where this one goes.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize
)]
#[serde(transparent)]
pub struct ProjectId(pub String);

impl ProjectId {
    /// The id as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for ProjectId {
    fn from(id: String) -> Self {
        Self(id)
    }
}

impl From<&str> for ProjectId {
    fn from(id: &str) -> Self {
        Self(id.to_owned())
    }
}

impl AsRef<str> for ProjectId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ProjectId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Identifies one instance (`instance`): a string with a type of its own, so the id of another kind of thing does not fit where this one goes.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize
)]
#[serde(transparent)]
pub struct InstanceId(pub String);

impl InstanceId {
    /// The id as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for InstanceId {
    fn from(id: String) -> Self {
        Self(id)
    }
}

impl From<&str> for InstanceId {
    fn from(id: &str) -> Self {
        Self(id.to_owned())
    }
}

impl AsRef<str> for InstanceId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for InstanceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
