// Generated from specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Zomro cloud VPS (BILLmanager API)
//!
//! Backup schedules of a cloud VPS instance, driven through BILLmanager functions posted as form data to one URL.
//!
//! Sources: `004_8820baae76b1186a.txt` (Создание расписания на создание резервной копии);
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
    base_url: "https://api.zomro.com",
    variables: &[],
    schemes: 1,
    secret_names: &["auth"],
};

/// Credential `session`: its slot and where it is sent.
const AUTH_SESSION: runtime::TokenScheme = runtime::TokenScheme {
    slot: 0,
    location: runtime::Location::Body,
    name: "auth",
};

/// Client for Zomro cloud VPS (BILLmanager API). Build with [`Client::builder`]; cheap to clone (the connection pool is shared).
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

/// Builder for [`Client`]. Base URL template: `https://api.zomro.com`.
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

    /// Credential `session`, sent as form field `auth`: BILLmanager session token. Never printed.
    pub fn session(mut self, secret: impl Into<runtime::Secret>) -> Self {
        self.inner.credential(AUTH_SESSION, secret.into());
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
    /// Create a weekly backup schedule for an instance.
    ///
    /// `POST /` selected by `func=instances.fleio_bckps.schedule.edit`, `out=json`, `sok=ok`; success is HTTP 200.
    ///
    /// Source: `004_8820baae76b1186a.txt:3-5`.
    ///
    /// # Errors
    ///
    /// [`CreateBackupScheduleError`] for the documented failures (`billmgr_error`); also invalid input (checked before sending), envelope failures, undocumented statuses, undecodable bodies, transport errors and timeouts.
    ///
    /// # Example `parameter_table_values`
    ///
    /// ```text
    /// The sample values of the parameter table:
    /// POST /
    ///
    /// {"func":"instances.fleio_bckps.schedule.edit","auth":"[redacted]","out":"json","sok":"ok","plid":"5203773","name":"MyBackup","rotation_days":"1,2,3,4,5,6,0","rotation_time":"02:01"}
    /// ```
    ///
    /// More examples in the fixtures: `example_table`, `curl_create`.
    ///
    /// Returns a [`CreateBackupScheduleBuilder`]: set the parameters, then `.send().await`.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// use generated::zomro as api;
    /// let client = api::Client::builder()
    ///     .base_url("https://api.example.com")
    ///     .session("TOKEN")
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .build()?;
    /// let call = client
    ///     .create_backup_schedule()
    ///     .plid(5203773)
    ///     .name("MyBackup")
    ///     .rotation_days(Vec::from([1, 2, 3, 4, 5, 6, 0]))
    ///     .rotation_time("02:01");
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
    pub fn create_backup_schedule(&self) -> CreateBackupScheduleBuilder<'_> {
        CreateBackupScheduleBuilder {
            client: self,
            plid: None,
            name: None,
            rotation_days: None,
            rotation_time: None,
        }
    }
}

/// One call of [`Client::create_backup_schedule`]: a setter per parameter (required ones must be set, or `send` fails with [`Error::InvalidInput`] naming them before anything is sent), or [`CreateBackupScheduleBuilder::request`] with a whole [`CreateBackupScheduleRequest`].
///
/// Source: `004_8820baae76b1186a.txt:3-5`.
#[derive(Debug, Clone)]
#[must_use = "a call builder does nothing until `send`"]
pub struct CreateBackupScheduleBuilder<'a> {
    client: &'a Client,
    plid: Option<i64>,
    name: Option<String>,
    rotation_days: Option<Vec<i32>>,
    rotation_time: Option<String>,
}

impl<'a> CreateBackupScheduleBuilder<'a> {
    /// Instance to schedule backups for.
    ///
    /// Source: `004_8820baae76b1186a.txt:12`.
    pub fn plid(mut self, value: i64) -> Self {
        self.plid = Some(value);
        self
    }

    /// Schedule name.
    ///
    /// Source: `004_8820baae76b1186a.txt:13`.
    pub fn name(mut self, value: impl Into<String>) -> Self {
        self.name = Some(value.into());
        self
    }

    /// Weekdays to back up on, Sunday = 0 to Saturday = 6.
    ///
    /// Source: `004_8820baae76b1186a.txt:14; erratum E12`.
    pub fn rotation_days(mut self, value: Vec<i32>) -> Self {
        self.rotation_days = Some(value);
        self
    }

    /// Time of day to back up.
    ///
    /// Source: `004_8820baae76b1186a.txt:15; erratum E12; erratum E14`.
    pub fn rotation_time(mut self, value: impl Into<String>) -> Self {
        self.rotation_time = Some(value.into());
        self
    }

    /// Every parameter from `request`, replacing those set so far.
    pub fn request(self, request: CreateBackupScheduleRequest) -> Self {
        Self {
            client: self.client,
            plid: Some(request.plid),
            name: Some(request.name),
            rotation_days: Some(request.rotation_days),
            rotation_time: Some(request.rotation_time),
        }
    }

    /// The request from the parameters set, or every required one that is not.
    pub fn build(self) -> Result<CreateBackupScheduleRequest, runtime::InvalidInput> {
        match (self.plid, self.name, self.rotation_days, self.rotation_time) {
            (Some(plid), Some(name), Some(rotation_days), Some(rotation_time)) => {
                Ok(CreateBackupScheduleRequest {
                    plid,
                    name,
                    rotation_days,
                    rotation_time,
                })
            }
            (plid, name, rotation_days, rotation_time) => {
                Err(
                    runtime::check::missing(
                        &[
                            ("plid", plid.is_none()),
                            ("name", name.is_none()),
                            ("rotation_days", rotation_days.is_none()),
                            ("rotation_time", rotation_time.is_none()),
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
    ) -> Result<runtime::ResponseValue<()>, runtime::Error<CreateBackupScheduleError>> {
        let client = self.client;
        let request = self.build()?;
        Self::call(client, &request).await
    }

    /// Checks, sends and decodes one call with `request`.
    async fn call(
        client: &Client,
        request: &CreateBackupScheduleRequest,
    ) -> Result<runtime::ResponseValue<()>, runtime::Error<CreateBackupScheduleError>> {
        const XML: runtime::XmlJson<'static> = runtime::XmlJson {
            root: "doc",
            list: "elem",
            error: "error",
            text_key: "$",
            attribute_prefix: "$",
            error_fields: runtime::XmlErrorFields {
                kind: "type",
                object: Some("object"),
                message: "msg",
            },
        };
        runtime::check::validate(request)?;
        let mut call = client.transport.call(runtime::Method::POST);
        call.path("/");
        call.multipart("func", "instances.fleio_bckps.schedule.edit");
        call.multipart("out", "json");
        call.multipart("sok", "ok");
        call.multipart("plid", &request.plid);
        call.multipart("name", &request.name);
        call.multipart_csv("rotation_days", &request.rotation_days);
        call.multipart("rotation_time", &request.rotation_time);
        call.token(AUTH_SESSION);
        let response = call.send().await?;
        match response.status() {
            200 => response.xml_json(&XML, false),
            _ => response.failure(Some(&XML)),
        }
    }
}

/// Parameters of [`Client::create_backup_schedule`]. Build with `new` (required parameters) and the setters (optional ones).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct CreateBackupScheduleRequest {
    /// Instance to schedule backups for.
    ///
    /// Source: `004_8820baae76b1186a.txt:12`.
    pub plid: i64,
    /// Schedule name.
    ///
    /// Source: `004_8820baae76b1186a.txt:13`.
    pub name: String,
    /// Weekdays to back up on, Sunday = 0 to Saturday = 6.
    ///
    /// Source: `004_8820baae76b1186a.txt:14; erratum E12`.
    #[serde(with = "runtime::wire::csv")]
    pub rotation_days: Vec<i32>,
    /// Time of day to back up.
    ///
    /// Source: `004_8820baae76b1186a.txt:15; erratum E12; erratum E14`.
    pub rotation_time: String,
}

impl CreateBackupScheduleRequest {
    /// Creates the request from its required parameters.
    pub fn new(
        plid: i64,
        name: impl Into<String>,
        rotation_days: Vec<i32>,
        rotation_time: impl Into<String>,
    ) -> Self {
        Self {
            plid,
            name: name.into(),
            rotation_days,
            rotation_time: rotation_time.into(),
        }
    }
}

impl runtime::Check for CreateBackupScheduleRequest {
    fn check(&self, c: &mut runtime::Checker, at: &str) {
        let v = &self.rotation_days;
        for v in v {
            c.range(at, "rotation_days[]", i64::from(*v), Some(0i64), Some(6i64));
        }
        let v = &self.rotation_time;
        c.format(at, "rotation_time", v, runtime::Format::TimeOfDay);
    }
}

/// Documented failures of [`Client::create_backup_schedule`].
#[derive(Debug, Clone, PartialEq)]
pub enum CreateBackupScheduleError {
    /// BILLmanager refused the call (doc.error, under HTTP 200) (any failure status).
    ///
    /// Source: `004_8820baae76b1186a.txt:62; erratum E10`.
    BillmgrError(BillmgrErrorDoc),
}

impl runtime::OpError for CreateBackupScheduleError {
    const CASES: &'static [runtime::ErrorCase] = &[
        runtime::ErrorCase::new("billmgr_error", 200).any_status().fields(&["doc"]),
    ];
    runtime::decl::op_error_methods!(BillmgrError = 0);
}

impl Client {
    /// List the backup schedules of an instance.
    ///
    /// `POST /` selected by `func=instances.fleio_bckps.schedule`, `out=json`; success is HTTP 200.
    ///
    /// Source: `004_8820baae76b1186a.txt:44-46`.
    ///
    /// # Errors
    ///
    /// [`ListBackupSchedulesError`] for the documented failures (`billmgr_error`); also invalid input (checked before sending), envelope failures, undocumented statuses, undecodable bodies, transport errors and timeouts.
    ///
    /// # Example `curl_list`
    ///
    /// ```text
    /// The curl request and its answer (corrected to valid JSON):
    /// POST /
    ///
    /// {"func":"instances.fleio_bckps.schedule","auth":"[redacted]","out":"json","elid":"5203773"}
    ///
    /// HTTP 200
    /// {"doc":{"elem":[{"create_date":{"$":"2024-07-24"},"id":{"$":"14"},"instance_id":{"$":"5203773"},"name":{"$":"MySchedule"},"rotation_days":{"$":"Monday Tuesday Wednesday Thursday Friday Saturday "},"rotation_time":{"$":"02:01"},"servername":{"$":"MyServer"}}]}}
    /// ```
    ///
    /// Returns a [`ListBackupSchedulesBuilder`]: set the parameters, then `.send().await`.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// use generated::zomro as api;
    /// let client = api::Client::builder()
    ///     .base_url("https://api.example.com")
    ///     .session("TOKEN")
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .build()?;
    /// let call = client.list_backup_schedules().elid(5203773);
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
    pub fn list_backup_schedules(&self) -> ListBackupSchedulesBuilder<'_> {
        ListBackupSchedulesBuilder {
            client: self,
            elid: None,
        }
    }
}

/// One call of [`Client::list_backup_schedules`]: a setter per parameter (required ones must be set, or `send` fails with [`Error::InvalidInput`] naming them before anything is sent), or [`ListBackupSchedulesBuilder::request`] with a whole [`ListBackupSchedulesRequest`].
///
/// Source: `004_8820baae76b1186a.txt:44-46`.
#[derive(Debug, Clone)]
#[must_use = "a call builder does nothing until `send`"]
pub struct ListBackupSchedulesBuilder<'a> {
    client: &'a Client,
    elid: Option<i64>,
}

impl<'a> ListBackupSchedulesBuilder<'a> {
    /// Instance whose schedules to list.
    ///
    /// Source: `004_8820baae76b1186a.txt:52; 004_8820baae76b1186a.txt:59; erratum E4`.
    pub fn elid(mut self, value: i64) -> Self {
        self.elid = Some(value);
        self
    }

    /// Every parameter from `request`, replacing those set so far.
    pub fn request(self, request: ListBackupSchedulesRequest) -> Self {
        Self {
            client: self.client,
            elid: Some(request.elid),
        }
    }

    /// The request from the parameters set, or every required one that is not.
    pub fn build(self) -> Result<ListBackupSchedulesRequest, runtime::InvalidInput> {
        match (self.elid,) {
            (Some(elid),) => Ok(ListBackupSchedulesRequest { elid }),
            (elid,) => Err(runtime::check::missing(&[("elid", elid.is_none())])),
        }
    }

    /// Checks the parameters against the spec's constraints, sends the call and
    /// decodes the answer.
    pub async fn send(
        self,
    ) -> Result<
        runtime::ResponseValue<Vec<BackupSchedule>>,
        runtime::Error<ListBackupSchedulesError>,
    > {
        let client = self.client;
        let request = self.build()?;
        Self::call(client, &request).await
    }

    /// Checks, sends and decodes one call with `request`.
    async fn call(
        client: &Client,
        request: &ListBackupSchedulesRequest,
    ) -> Result<
        runtime::ResponseValue<Vec<BackupSchedule>>,
        runtime::Error<ListBackupSchedulesError>,
    > {
        const XML: runtime::XmlJson<'static> = runtime::XmlJson {
            root: "doc",
            list: "elem",
            error: "error",
            text_key: "$",
            attribute_prefix: "$",
            error_fields: runtime::XmlErrorFields {
                kind: "type",
                object: Some("object"),
                message: "msg",
            },
        };
        let mut call = client.transport.call(runtime::Method::POST);
        call.path("/");
        call.multipart("func", "instances.fleio_bckps.schedule");
        call.multipart("out", "json");
        call.multipart("elid", &request.elid);
        call.token(AUTH_SESSION);
        let response = call.send().await?;
        match response.status() {
            200 => response.xml_json(&XML, true),
            _ => response.failure(Some(&XML)),
        }
    }
}

/// Parameters of [`Client::list_backup_schedules`]. Build with `new` (required parameters) and the setters (optional ones).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ListBackupSchedulesRequest {
    /// Instance whose schedules to list.
    ///
    /// Source: `004_8820baae76b1186a.txt:52; 004_8820baae76b1186a.txt:59; erratum E4`.
    pub elid: i64,
}

impl ListBackupSchedulesRequest {
    /// Creates the request from its required parameters.
    pub fn new(elid: i64) -> Self {
        Self { elid }
    }
}

/// Documented failures of [`Client::list_backup_schedules`].
#[derive(Debug, Clone, PartialEq)]
pub enum ListBackupSchedulesError {
    /// BILLmanager refused the call (doc.error, under HTTP 200) (any failure status).
    ///
    /// Source: `004_8820baae76b1186a.txt:62; erratum E10`.
    BillmgrError(BillmgrErrorDoc),
}

impl runtime::OpError for ListBackupSchedulesError {
    const CASES: &'static [runtime::ErrorCase] = &[
        runtime::ErrorCase::new("billmgr_error", 200).any_status().fields(&["doc"]),
    ];
    runtime::decl::op_error_methods!(BillmgrError = 0);
}

impl Client {
    /// Delete a backup schedule.
    ///
    /// `POST /` selected by `func=instances.fleio_bckps.schedule.delete`, `out=json`; success is HTTP 200.
    ///
    /// Source: `004_8820baae76b1186a.txt:104-105`.
    ///
    /// # Errors
    ///
    /// [`DeleteBackupScheduleError`] for the documented failures (`billmgr_error`); also invalid input (checked before sending), envelope failures, undocumented statuses, undecodable bodies, transport errors and timeouts.
    ///
    /// # Example `curl_delete`
    ///
    /// ```text
    /// The curl request; the answer is our assumption (the page checks the web UI):
    /// POST /
    ///
    /// {"func":"instances.fleio_bckps.schedule.delete","auth":"[redacted]","out":"json","elid":"14"}
    ///
    /// HTTP 200
    /// {"doc":{"ok":{}}}
    /// ```
    ///
    /// More examples in the fixtures: `parameter_table_values`.
    ///
    /// Returns a [`DeleteBackupScheduleBuilder`]: set the parameters, then `.send().await`.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// use generated::zomro as api;
    /// let client = api::Client::builder()
    ///     .base_url("https://api.example.com")
    ///     .session("TOKEN")
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .build()?;
    /// let call = client.delete_backup_schedule().elid(14);
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
    pub fn delete_backup_schedule(&self) -> DeleteBackupScheduleBuilder<'_> {
        DeleteBackupScheduleBuilder {
            client: self,
            elid: None,
        }
    }
}

/// One call of [`Client::delete_backup_schedule`]: a setter per parameter (required ones must be set, or `send` fails with [`Error::InvalidInput`] naming them before anything is sent), or [`DeleteBackupScheduleBuilder::request`] with a whole [`DeleteBackupScheduleRequest`].
///
/// Source: `004_8820baae76b1186a.txt:104-105`.
#[derive(Debug, Clone)]
#[must_use = "a call builder does nothing until `send`"]
pub struct DeleteBackupScheduleBuilder<'a> {
    client: &'a Client,
    elid: Option<i64>,
}

impl<'a> DeleteBackupScheduleBuilder<'a> {
    /// Schedule to delete.
    ///
    /// Source: `004_8820baae76b1186a.txt:111`.
    pub fn elid(mut self, value: i64) -> Self {
        self.elid = Some(value);
        self
    }

    /// Every parameter from `request`, replacing those set so far.
    pub fn request(self, request: DeleteBackupScheduleRequest) -> Self {
        Self {
            client: self.client,
            elid: Some(request.elid),
        }
    }

    /// The request from the parameters set, or every required one that is not.
    pub fn build(self) -> Result<DeleteBackupScheduleRequest, runtime::InvalidInput> {
        match (self.elid,) {
            (Some(elid),) => {
                Ok(DeleteBackupScheduleRequest {
                    elid,
                })
            }
            (elid,) => Err(runtime::check::missing(&[("elid", elid.is_none())])),
        }
    }

    /// Checks the parameters against the spec's constraints, sends the call and
    /// decodes the answer.
    pub async fn send(
        self,
    ) -> Result<runtime::ResponseValue<()>, runtime::Error<DeleteBackupScheduleError>> {
        let client = self.client;
        let request = self.build()?;
        Self::call(client, &request).await
    }

    /// Checks, sends and decodes one call with `request`.
    async fn call(
        client: &Client,
        request: &DeleteBackupScheduleRequest,
    ) -> Result<runtime::ResponseValue<()>, runtime::Error<DeleteBackupScheduleError>> {
        const XML: runtime::XmlJson<'static> = runtime::XmlJson {
            root: "doc",
            list: "elem",
            error: "error",
            text_key: "$",
            attribute_prefix: "$",
            error_fields: runtime::XmlErrorFields {
                kind: "type",
                object: Some("object"),
                message: "msg",
            },
        };
        let mut call = client.transport.call(runtime::Method::POST);
        call.path("/");
        call.multipart("func", "instances.fleio_bckps.schedule.delete");
        call.multipart("out", "json");
        call.multipart("elid", &request.elid);
        call.token(AUTH_SESSION);
        let response = call.send().await?;
        match response.status() {
            200 => response.xml_json(&XML, false),
            _ => response.failure(Some(&XML)),
        }
    }
}

/// Parameters of [`Client::delete_backup_schedule`]. Build with `new` (required parameters) and the setters (optional ones).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct DeleteBackupScheduleRequest {
    /// Schedule to delete.
    ///
    /// Source: `004_8820baae76b1186a.txt:111`.
    pub elid: i64,
}

impl DeleteBackupScheduleRequest {
    /// Creates the request from its required parameters.
    pub fn new(elid: i64) -> Self {
        Self { elid }
    }
}

/// Documented failures of [`Client::delete_backup_schedule`].
#[derive(Debug, Clone, PartialEq)]
pub enum DeleteBackupScheduleError {
    /// BILLmanager refused the call (doc.error, under HTTP 200) (any failure status).
    ///
    /// Source: `004_8820baae76b1186a.txt:62; erratum E10`.
    BillmgrError(BillmgrErrorDoc),
}

impl runtime::OpError for DeleteBackupScheduleError {
    const CASES: &'static [runtime::ErrorCase] = &[
        runtime::ErrorCase::new("billmgr_error", 200).any_status().fields(&["doc"]),
    ];
    runtime::decl::op_error_methods!(BillmgrError = 0);
}

/// A backup schedule of an instance, as the list returns it (all values are XML text).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct BackupSchedule {
    /// Schedule id (the elid that deletes it).
    ///
    /// Source: `004_8820baae76b1186a.txt:96; erratum E9; erratum E13`.
    #[serde(with = "runtime::wire::string")]
    pub id: i64,
    /// Instance the schedule belongs to.
    ///
    /// Source: `004_8820baae76b1186a.txt:97; erratum E13`.
    #[serde(with = "runtime::wire::string")]
    pub instance_id: i64,
    /// Schedule name.
    ///
    /// Source: `004_8820baae76b1186a.txt:98; erratum E9; erratum E13`.
    pub name: String,
    /// Weekdays the backup runs, as English day names separated by spaces.
    ///
    /// Source: `004_8820baae76b1186a.txt:99; erratum E6`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_days: Option<String>,
    /// Time of day the backup runs (the page names no time zone).
    ///
    /// Source: `004_8820baae76b1186a.txt:100`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_time: Option<String>,
    /// Day the schedule was created.
    ///
    /// Source: `004_8820baae76b1186a.txt:95; erratum E11`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<String>,
    /// Name of the instance's server.
    ///
    /// Source: `004_8820baae76b1186a.txt:101`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub servername: Option<String>,
}

impl BackupSchedule {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(id: i64, instance_id: i64, name: impl Into<String>) -> Self {
        Self {
            id,
            instance_id,
            name: name.into(),
            rotation_days: None,
            rotation_time: None,
            create_date: None,
            servername: None,
        }
    }

    /// Weekdays the backup runs, as English day names separated by spaces.
    ///
    /// Source: `004_8820baae76b1186a.txt:99; erratum E6`.
    pub fn rotation_days(mut self, value: impl Into<String>) -> Self {
        self.rotation_days = Some(value.into());
        self
    }

    /// Time of day the backup runs (the page names no time zone).
    ///
    /// Source: `004_8820baae76b1186a.txt:100`.
    pub fn rotation_time(mut self, value: impl Into<String>) -> Self {
        self.rotation_time = Some(value.into());
        self
    }

    /// Day the schedule was created.
    ///
    /// Source: `004_8820baae76b1186a.txt:95; erratum E11`.
    pub fn create_date(mut self, value: impl Into<String>) -> Self {
        self.create_date = Some(value.into());
        self
    }

    /// Name of the instance's server.
    ///
    /// Source: `004_8820baae76b1186a.txt:101`.
    pub fn servername(mut self, value: impl Into<String>) -> Self {
        self.servername = Some(value.into());
        self
    }
}

/// A BILLmanager failure, as the wire carries it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct BillmgrErrorDoc {
    /// Document root.
    ///
    /// Source: `erratum E10`.
    pub doc: BillmgrErrorRoot,
}

impl BillmgrErrorDoc {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(doc: BillmgrErrorRoot) -> Self {
        Self { doc }
    }
}

/// Document root holding the error element.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct BillmgrErrorRoot {
    /// The error element.
    ///
    /// Source: `erratum E10`.
    pub error: BillmgrError,
}

impl BillmgrErrorRoot {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(error: BillmgrError) -> Self {
        Self { error }
    }
}

/// BILLmanager error element (attributes under "$name", text under "$").
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct BillmgrError {
    /// Error class (e.g. auth, access, value, missed).
    ///
    /// Source: `erratum E10`.
    #[serde(rename = "$type")]
    pub r#type: String,
    /// Parameter or object the error is about.
    ///
    /// Source: `erratum E10`.
    #[serde(rename = "$object", default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// Human-readable message.
    ///
    /// Source: `erratum E10`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub msg: Option<XmlText>,
}

impl BillmgrError {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(r#type: impl Into<String>) -> Self {
        Self {
            r#type: r#type.into(),
            object: None,
            msg: None,
        }
    }

    /// Parameter or object the error is about.
    ///
    /// Source: `erratum E10`.
    pub fn object(mut self, value: impl Into<String>) -> Self {
        self.object = Some(value.into());
        self
    }

    /// Human-readable message.
    ///
    /// Source: `erratum E10`.
    pub fn msg(mut self, value: XmlText) -> Self {
        self.msg = Some(value);
        self
    }
}

/// XML element text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct XmlText {
    /// The text.
    ///
    /// Source: `004_8820baae76b1186a.txt:67; inferred: every element the answer shows has its text member, as BILLmanager's JSON output writes one for each element`.
    #[serde(rename = "$")]
    pub value: String,
}

impl XmlText {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(value: impl Into<String>) -> Self {
        Self { value: value.into() }
    }
}
