// Generated from specs/otc_dcs.yaml by `cargo xtask codegen`; do not edit.
//! Open Telekom Cloud Distributed Cache Service (DCS)
//!
//! Backup records of DCS (Redis/Memcached) instances, read with paging and a time window.
//!
//! Sources: `002_14c1ea64b03ca7af.txt` (Querying DCS Instance Backup Records); documented version v1.0.
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
    base_url: "https://{dcs_endpoint}",
    variables: &[("dcs_endpoint", None)],
    schemes: 2,
    secret_names: &[],
};

/// Credential `token`: its slot and where it is sent.
const AUTH_TOKEN: runtime::TokenScheme = runtime::TokenScheme {
    slot: 0,
    location: runtime::Location::Header,
    name: "X-Auth-Token",
};

/// Client for Open Telekom Cloud Distributed Cache Service (DCS). Build with [`Client::builder`]; cheap to clone (the connection pool is shared).
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

/// Builder for [`Client`]. Base URL template: `https://{dcs_endpoint}`.
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

    /// Base URL variable `dcs_endpoint`: Regional DCS endpoint host (e.g. `dcs.eu-de.otc.t-systems.com`).
    pub fn dcs_endpoint(mut self, value: impl Into<String>) -> Self {
        self.inner.variable("dcs_endpoint", value.into());
        self
    }

    /// Credential `token`, sent as header `X-Auth-Token`: IAM user token. Never printed.
    pub fn token(mut self, secret: impl Into<runtime::Secret>) -> Self {
        self.inner.credential(AUTH_TOKEN, secret.into());
        self
    }

    /// Access key of `aksk`: AK/SK request signing of the Open Telekom Cloud API Gateway; the IAM token is the alternative. Requests are signed (SDK-HMAC-SHA256) when both keys are set and no token is.
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
    /// List the backup records of a DCS instance.
    ///
    /// `GET /v1.0/{project_id}/instances/{instance_id}/backups`; success is HTTP 200.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:23`.
    ///
    /// # Errors
    ///
    /// [`ListBackupRecordsError`] for the documented failures (`api_error`); also invalid input (checked before sending), envelope failures, undocumented statuses, undecodable bodies, transport errors and timeouts.
    ///
    /// # Example `list_records`
    ///
    /// ```text
    /// The page's request template, with the placeholders filled from the parameter table:
    /// GET /v1.0/0605767b0f0c4f3f9c21b7b5e2f1a5d1/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups?start=1&limit=10&beginTime=20170718235959&endTime=20190718235959
    /// X-Auth-Token: [redacted]
    ///
    /// HTTP 200
    /// {"backup_record_response":[{"status":"succeed","remark":"001","period":null,"progress":"100.00","size":880232,"instance_id":"5560df16-cebf-4473-95c4-d1b573c16e79","backup_id":"4631832a-14c6-45b0-a0b3-3abd8f591ad1","created_at":"2019-05-10T08:31:16.166Z","updated_at":"2019-05-10T08:32:30.546Z","execution_at":"2019-05-10T08:31:21.461Z","backup_type":"manual","backup_format":"AOF","backup_name":"backup_20190510163116","error_code":null,"is_support_restore":"TRUE"}],"total_num":1}
    /// ```
    ///
    /// Returns a [`ListBackupRecordsBuilder`]: set the parameters, then `.send().await` for one page, or `.stream()` for every item.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
    /// use generated::otc_dcs as api;
    /// let client = api::Client::builder()
    ///     .base_url("https://api.example.com")
    ///     .token("TOKEN")
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .build()?;
    /// let call = client
    ///     .list_backup_records()
    ///     .project_id("0605767b0f0c4f3f9c21b7b5e2f1a5d1")
    ///     .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
    ///     .start(1)
    ///     .limit(10)
    ///     .begin_time("20170718235959")
    ///     .end_time("20190718235959");
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
    /// use generated::runtime::StreamExt;
    /// let mut items = client
    ///     .list_backup_records()
    ///     .project_id("0605767b0f0c4f3f9c21b7b5e2f1a5d1")
    ///     .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
    ///     .start(1)
    ///     .limit(10)
    ///     .begin_time("20170718235959")
    ///     .end_time("20190718235959")
    ///     .stream();
    /// while let Some(item) = items.next().await {
    ///     let item = item?;
    ///     println!("{item:?}");
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn list_backup_records(&self) -> ListBackupRecordsBuilder<'_> {
        ListBackupRecordsBuilder {
            client: self,
            project_id: None,
            instance_id: None,
            start: None,
            limit: None,
            begin_time: None,
            end_time: None,
        }
    }
}

/// One call of [`Client::list_backup_records`]: a setter per parameter (required ones must be set, or `send` fails with [`Error::InvalidInput`] naming them before anything is sent), or [`ListBackupRecordsBuilder::request`] with a whole [`ListBackupRecordsRequest`].
///
/// Source: `002_14c1ea64b03ca7af.txt:23`.
#[derive(Debug, Clone)]
#[must_use = "a call builder does nothing until `send`"]
pub struct ListBackupRecordsBuilder<'a> {
    client: &'a Client,
    project_id: Option<ProjectId>,
    instance_id: Option<InstanceId>,
    start: Option<i32>,
    limit: Option<i32>,
    begin_time: Option<String>,
    end_time: Option<String>,
}

impl<'a> ListBackupRecordsBuilder<'a> {
    /// Project id.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:59-77`.
    pub fn project_id(mut self, value: impl Into<ProjectId>) -> Self {
        self.project_id = Some(value.into());
        self
    }

    /// DCS instance id.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:86-104`.
    pub fn instance_id(mut self, value: impl Into<InstanceId>) -> Self {
        self.instance_id = Some(value.into());
        self
    }

    /// 1-based index of the first record to return.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:113-131`.
    pub fn start(mut self, value: i32) -> Self {
        self.start = Some(value);
        self
    }

    /// Records per page.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:140-158`.
    pub fn limit(mut self, value: i32) -> Self {
        self.limit = Some(value);
        self
    }

    /// Start of the time window.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:167-185`.
    pub fn begin_time(mut self, value: impl Into<String>) -> Self {
        self.begin_time = Some(value.into());
        self
    }

    /// End of the time window.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:194-212`.
    pub fn end_time(mut self, value: impl Into<String>) -> Self {
        self.end_time = Some(value.into());
        self
    }

    /// Every parameter from `request`, replacing those set so far.
    pub fn request(self, request: ListBackupRecordsRequest) -> Self {
        Self {
            client: self.client,
            project_id: Some(request.project_id),
            instance_id: Some(request.instance_id),
            start: request.start,
            limit: request.limit,
            begin_time: request.begin_time,
            end_time: request.end_time,
        }
    }

    /// The request from the parameters set, or every required one that is not.
    pub fn build(self) -> Result<ListBackupRecordsRequest, runtime::InvalidInput> {
        match (self.project_id, self.instance_id) {
            (Some(project_id), Some(instance_id)) => {
                Ok(ListBackupRecordsRequest {
                    project_id,
                    instance_id,
                    start: self.start,
                    limit: self.limit,
                    begin_time: self.begin_time,
                    end_time: self.end_time,
                })
            }
            (project_id, instance_id) => {
                Err(
                    runtime::check::missing(
                        &[
                            ("project_id", project_id.is_none()),
                            ("instance_id", instance_id.is_none()),
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
        runtime::ResponseValue<BackupRecordList>,
        runtime::Error<ListBackupRecordsError>,
    > {
        let client = self.client;
        let request = self.build()?;
        Self::call(client, &request).await
    }

    /// Every item over all pages, walking `start` from the value set (else 1) until the reported total is reached or a page is empty. The stream is `Unpin`: call `futures::StreamExt::next` on it directly.
    pub fn stream(
        self,
    ) -> runtime::ItemStream<'a, BackupRecord, ListBackupRecordsError> {
        let client = self.client;
        let request = match self.build() {
            Ok(request) => request,
            Err(e) => return runtime::paginate::failed(e.into()),
        };
        let from = request.start.map(i64::from).unwrap_or(1i64);
        runtime::paginate(
            1i64,
            from,
            move |start| {
                let mut page = request.clone();
                page.start = Some(i32::try_from(start).unwrap_or(i32::MAX));
                async move {
                    let p = Self::call(client, &page).await?.into_inner();
                    Ok((p.backup_record_response, Some(i64::from(p.total_num))))
                }
            },
        )
    }

    /// Checks, sends and decodes one call with `request`.
    async fn call(
        client: &Client,
        request: &ListBackupRecordsRequest,
    ) -> Result<
        runtime::ResponseValue<BackupRecordList>,
        runtime::Error<ListBackupRecordsError>,
    > {
        runtime::check::validate(request)?;
        let mut call = client.transport.call(runtime::Method::GET);
        call.path("/v1.0/");
        call.path_param(&request.project_id);
        call.path("/instances/");
        call.path_param(&request.instance_id);
        call.path("/backups");
        call.query("start", &request.start);
        call.query("limit", &request.limit);
        call.query("beginTime", &request.begin_time);
        call.query("endTime", &request.end_time);
        call.token(AUTH_TOKEN);
        call.sign_if_keys();
        let response = call.send().await?;
        match response.status() {
            200 => response.json(),
            _ => response.failure(None),
        }
    }
}

/// Parameters of [`Client::list_backup_records`]. Build with `new` (required parameters) and the setters (optional ones). Deserializes from every parameter; serializes to the body members only (the call sends the others in its path, query or headers).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ListBackupRecordsRequest {
    /// Project id.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:59-77`.
    #[serde(skip_serializing)]
    pub project_id: ProjectId,
    /// DCS instance id.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:86-104`.
    #[serde(skip_serializing)]
    pub instance_id: InstanceId,
    /// 1-based index of the first record to return.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:113-131`.
    #[serde(skip_serializing, default)]
    pub start: Option<i32>,
    /// Records per page.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:140-158`.
    #[serde(skip_serializing, default)]
    pub limit: Option<i32>,
    /// Start of the time window.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:167-185`.
    #[serde(rename = "beginTime", skip_serializing, default)]
    pub begin_time: Option<String>,
    /// End of the time window.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:194-212`.
    #[serde(rename = "endTime", skip_serializing, default)]
    pub end_time: Option<String>,
}

impl ListBackupRecordsRequest {
    /// Creates the request from its required parameters.
    pub fn new(
        project_id: impl Into<ProjectId>,
        instance_id: impl Into<InstanceId>,
    ) -> Self {
        Self {
            project_id: project_id.into(),
            instance_id: instance_id.into(),
            start: None,
            limit: None,
            begin_time: None,
            end_time: None,
        }
    }

    /// 1-based index of the first record to return.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:113-131`.
    pub fn start(mut self, value: i32) -> Self {
        self.start = Some(value);
        self
    }

    /// Records per page.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:140-158`.
    pub fn limit(mut self, value: i32) -> Self {
        self.limit = Some(value);
        self
    }

    /// Start of the time window.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:167-185`.
    pub fn begin_time(mut self, value: impl Into<String>) -> Self {
        self.begin_time = Some(value.into());
        self
    }

    /// End of the time window.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:194-212`.
    pub fn end_time(mut self, value: impl Into<String>) -> Self {
        self.end_time = Some(value.into());
        self
    }
}

impl runtime::Check for ListBackupRecordsRequest {
    fn check(&self, c: &mut runtime::Checker, at: &str) {
        let v = &self.project_id;
        let v = v.as_str();
        c.length(at, "project_id", v, Some(1u32), None);
        let v = &self.instance_id;
        let v = v.as_str();
        c.length(at, "instance_id", v, Some(1u32), None);
        if let Some(v) = &self.limit {
            c.range(at, "limit", i64::from(*v), Some(1i64), None);
        }
        if let Some(v) = &self.begin_time {
            c.format(at, "beginTime", v, runtime::Format::CompactTimestamp);
        }
        if let Some(v) = &self.end_time {
            c.format(at, "endTime", v, runtime::Format::CompactTimestamp);
        }
    }
}

/// Documented failures of [`Client::list_backup_records`].
#[derive(Debug, Clone, PartialEq)]
pub enum ListBackupRecordsError {
    /// Request rejected by the service (common OTC error body) (any failure status).
    ///
    /// Source: `erratum E3`.
    ApiError(ApiError),
}

impl runtime::OpError for ListBackupRecordsError {
    const CASES: &'static [runtime::ErrorCase] = &[
        runtime::ErrorCase::new("api_error", 400)
            .any_status()
            .fields(&["error_code", "error_msg"]),
    ];
    runtime::decl::op_error_methods!(ApiError = 0);
}

/// One page of backup records.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct BackupRecordList {
    /// Backup records on this page.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:281-293; erratum E7`.
    pub backup_record_response: Vec<BackupRecord>,
    /// Number of records matching the query (all pages).
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:302-314; erratum E7`.
    pub total_num: i32,
}

impl BackupRecordList {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(backup_record_response: Vec<BackupRecord>, total_num: i32) -> Self {
        Self {
            backup_record_response,
            total_num,
        }
    }
}

/// One backup of a DCS instance.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct BackupRecord {
    /// Backup status.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:361-376; erratum E5`.
    pub status: BackupStatus,
    /// Free-text description of the backup.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:385-397; erratum E5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// Time segment in which the backup ran.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:406-418; erratum E5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Backup progress, as a decimal string (the example shows 100.00).
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:427-439; erratum E5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<String>,
    /// Size of the backup file in bytes.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:448-460; erratum E5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// DCS instance id.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:469-481; erratum E5`.
    pub instance_id: String,
    /// Backup record id.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:490-502; erratum E5`.
    pub backup_id: String,
    /// When the backup task was created.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:511-523`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// When the backup finished.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:532-544`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// When the backup started.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:553-565`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_at: Option<String>,
    /// Manual or automatic backup.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:574-589; erratum E5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_type: Option<BackupType>,
    /// Name of the backup record.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:598-610; erratum E5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_name: Option<String>,
    /// Backup file format (the example shows AOF).
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:619-631; erratum E5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_format: Option<String>,
    /// Why the backup failed; null unless it failed.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:640-652; erratum E5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<BackupErrorCode>,
    /// Whether the backup can be restored.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:661-673; erratum E5`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_support_restore: Option<RestoreSupport>,
}

impl BackupRecord {
    /// Creates the value from its required fields; the setters add optional ones.
    pub fn new(
        status: BackupStatus,
        instance_id: impl Into<String>,
        backup_id: impl Into<String>,
    ) -> Self {
        Self {
            status,
            remark: None,
            period: None,
            progress: None,
            size: None,
            instance_id: instance_id.into(),
            backup_id: backup_id.into(),
            created_at: None,
            updated_at: None,
            execution_at: None,
            backup_type: None,
            backup_name: None,
            backup_format: None,
            error_code: None,
            is_support_restore: None,
        }
    }

    /// Free-text description of the backup.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:385-397; erratum E5`.
    pub fn remark(mut self, value: impl Into<String>) -> Self {
        self.remark = Some(value.into());
        self
    }

    /// Time segment in which the backup ran.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:406-418; erratum E5`.
    pub fn period(mut self, value: impl Into<String>) -> Self {
        self.period = Some(value.into());
        self
    }

    /// Backup progress, as a decimal string (the example shows 100.00).
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:427-439; erratum E5`.
    pub fn progress(mut self, value: impl Into<String>) -> Self {
        self.progress = Some(value.into());
        self
    }

    /// Size of the backup file in bytes.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:448-460; erratum E5`.
    pub fn size(mut self, value: i64) -> Self {
        self.size = Some(value);
        self
    }

    /// When the backup task was created.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:511-523`.
    pub fn created_at(mut self, value: impl Into<String>) -> Self {
        self.created_at = Some(value.into());
        self
    }

    /// When the backup finished.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:532-544`.
    pub fn updated_at(mut self, value: impl Into<String>) -> Self {
        self.updated_at = Some(value.into());
        self
    }

    /// When the backup started.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:553-565`.
    pub fn execution_at(mut self, value: impl Into<String>) -> Self {
        self.execution_at = Some(value.into());
        self
    }

    /// Manual or automatic backup.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:574-589; erratum E5`.
    pub fn backup_type(mut self, value: BackupType) -> Self {
        self.backup_type = Some(value);
        self
    }

    /// Name of the backup record.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:598-610; erratum E5`.
    pub fn backup_name(mut self, value: impl Into<String>) -> Self {
        self.backup_name = Some(value.into());
        self
    }

    /// Backup file format (the example shows AOF).
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:619-631; erratum E5`.
    pub fn backup_format(mut self, value: impl Into<String>) -> Self {
        self.backup_format = Some(value.into());
        self
    }

    /// Why the backup failed; null unless it failed.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:640-652; erratum E5`.
    pub fn error_code(mut self, value: BackupErrorCode) -> Self {
        self.error_code = Some(value);
        self
    }

    /// Whether the backup can be restored.
    ///
    /// Source: `002_14c1ea64b03ca7af.txt:661-673; erratum E5`.
    pub fn is_support_restore(mut self, value: RestoreSupport) -> Self {
        self.is_support_restore = Some(value);
        self
    }
}

/// Lifecycle state of a backup.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BackupStatus {
    /// Waiting to start.
    Waiting,
    /// Backup in progress.
    Backuping,
    /// Backup succeeded.
    Succeed,
    /// Backup failed.
    Failed,
    /// Backup file expired.
    Expired,
    /// Backup file deleted manually.
    Deleted,
    /// A value this client does not know (kept as sent).
    Unknown(String),
}

runtime::decl::string_enum!(
    BackupStatus { Waiting => "waiting", Backuping => "backuping", Succeed => "succeed",
    Failed => "failed", Expired => "expired", Deleted => "deleted" }
);

/// How the backup was started.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BackupType {
    /// Started by a user.
    Manual,
    /// Started by the backup policy.
    Auto,
    /// A value this client does not know (kept as sent).
    Unknown(String),
}

runtime::decl::string_enum!(BackupType { Manual => "manual", Auto => "auto" });

/// Restore flag, sent as an upper-case string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RestoreSupport {
    /// Can be restored.
    True,
    /// Cannot be restored.
    False,
    /// A value this client does not know (kept as sent).
    Unknown(String),
}

runtime::decl::string_enum!(RestoreSupport { True => "TRUE", False => "FALSE" });

/// Per-record failure code of a backup or restore.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BackupErrorCode {
    /// Backup/restore tool failed to start.
    Dcs080001,
    /// Operation timed out.
    Dcs080002,
    /// Bucket deletion failed.
    Dcs080003,
    /// AK/SK could not be obtained.
    Dcs080004,
    /// Bucket creation failed.
    Dcs080005,
    /// Backup file size could not be read.
    Dcs080006,
    /// Data sync failed during restore.
    Dcs080007,
    /// Automatic backup blocked by another running job.
    Dcs080008,
    /// A value this client does not know (kept as sent).
    Unknown(String),
}

runtime::decl::string_enum!(
    BackupErrorCode { Dcs080001 => "dcs.08.0001", Dcs080002 => "dcs.08.0002", Dcs080003
    => "dcs.08.0003", Dcs080004 => "dcs.08.0004", Dcs080005 => "dcs.08.0005", Dcs080006
    => "dcs.08.0006", Dcs080007 => "dcs.08.0007", Dcs080008 => "dcs.08.0008" }
);

/// Common OTC error body.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ApiError {
    /// Service error code.
    ///
    /// Source: `erratum E3`.
    pub error_code: String,
    /// Human-readable message.
    ///
    /// Source: `erratum E3`.
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
