// Generated from specs/gaussdb_mysql.yaml, specs/oms.yaml, specs/otc_dcs.yaml, specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Protocol tests: one test per documented example. Each calls the operation with
//! the example's values through the typed request and compares the value decoded
//! (and the request sent, when captured) with literals written by the generator
//! from the spec. The server is a capture server of the test's own serving the
//! documented response, or, with `PROTOCOL_TEST_BASE_URL` set to a URL template
//! such as `http://127.0.0.1:8080/~{provider}`, a running mock asked for the
//! example with `Prefer: example=NAME`.
/// Sent and expected instead of the documented credential.
const CREDENTIAL: &str = "placeholder-credential";
mod gaussdb_mysql {
    mod create_manual_backup {
        use generated::gaussdb_mysql as api;
        /// `create_backup`: The request example and its 201 answer (answer corrected to valid JSON). Replayed as corrected by erratum E1.
        #[tokio::test]
        async fn create_backup() {
            let target = protocol_test::Target::start(
                    "gaussdb_mysql",
                    Some("create_backup"),
                    protocol_test::CannedResponse::new(201)
                        .header("Content-Type", "application/json")
                        .body(
                            b"{\"backup\":{\"id\":\"2f4ddb93-b901-4b08-93d8-1d2e472f30fe\",\"name\":\"backup-1\",\"description\":\"Manual backup\",\"begin_time\":\"2020-07-07T01:17:05+0800\",\"status\":\"BUILDING\",\"type\":\"manual\",\"instance_id\":\"07033b125fd94a8a96896f8bcfee6ddain07\"},\"job_id\":\"e0fbbfc8-1ac4-4721-b9e9-7dd685c5bdd7\"}",
                        ),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .create_manual_backup()
                .project_id("619d3e78f61b4be68bc5aa0b59edcf7b")
                .instance_id("07033b125fd94a8a96896f8bcfee6ddain07")
                .name("backup-1")
                .description("Manual backup")
                .send()
                .await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new(
                            "POST",
                            "/v3/619d3e78f61b4be68bc5aa0b59edcf7b/backups/create",
                        )
                        .json_body(
                            "{\"instance_id\":\"07033b125fd94a8a96896f8bcfee6ddain07\",\"name\":\"backup-1\",\"description\":\"Manual backup\"}",
                        )
                        .secret(protocol_test::Place::Header, "X-Auth-Token"),
                );
            }
            let response = result
                .unwrap_or_else(|e| {
                    panic!("expected the documented payload, got {e:?}")
                });
            assert_eq!(response.status(), 201);
            let expected = api::CreatedBackup::new(
                api::Backup::new(
                        String::from("2f4ddb93-b901-4b08-93d8-1d2e472f30fe"),
                        String::from("backup-1"),
                        api::BackupStatus::Building,
                        api::BackupType::Manual,
                        String::from("07033b125fd94a8a96896f8bcfee6ddain07"),
                    )
                    .description(String::from("Manual backup"))
                    .begin_time(String::from("2020-07-07T01:17:05+0800")),
                String::from("e0fbbfc8-1ac4-4721-b9e9-7dd685c5bdd7"),
            );
            assert_eq!(response.into_inner(), expected);
        }
        mod signed {
            use super::api;
            /// `create_backup`: The request example and its 201 answer (answer corrected to valid JSON). Replayed as corrected by erratum E1.
            #[tokio::test]
            async fn create_backup() {
                let target = protocol_test::Target::start(
                        "gaussdb_mysql",
                        Some("create_backup"),
                        protocol_test::CannedResponse::new(201)
                            .header("Content-Type", "application/json")
                            .body(
                                b"{\"backup\":{\"id\":\"2f4ddb93-b901-4b08-93d8-1d2e472f30fe\",\"name\":\"backup-1\",\"description\":\"Manual backup\",\"begin_time\":\"2020-07-07T01:17:05+0800\",\"status\":\"BUILDING\",\"type\":\"manual\",\"instance_id\":\"07033b125fd94a8a96896f8bcfee6ddain07\"},\"job_id\":\"e0fbbfc8-1ac4-4721-b9e9-7dd685c5bdd7\"}",
                            ),
                    )
                    .await
                    .expect("the test target starts");
                let client = api::Client::builder()
                    .base_url(target.url())
                    .http_client(target.http_client())
                    .access_key(protocol_test::ACCESS_KEY)
                    .secret_key(protocol_test::SECRET_KEY)
                    .build()
                    .expect("the client builds");
                let result = client
                    .create_manual_backup()
                    .project_id("619d3e78f61b4be68bc5aa0b59edcf7b")
                    .instance_id("07033b125fd94a8a96896f8bcfee6ddain07")
                    .name("backup-1")
                    .description("Manual backup")
                    .send()
                    .await;
                if let Some(sent) = target.captured() {
                    protocol_test::assert_request(
                        &sent,
                        &protocol_test::ExpectedRequest::new(
                                "POST",
                                "/v3/619d3e78f61b4be68bc5aa0b59edcf7b/backups/create",
                            )
                            .json_body(
                                "{\"instance_id\":\"07033b125fd94a8a96896f8bcfee6ddain07\",\"name\":\"backup-1\",\"description\":\"Manual backup\"}",
                            )
                            .signed_by(protocol_test::ACCESS_KEY),
                    );
                }
                let response = result
                    .unwrap_or_else(|e| {
                        panic!("expected the documented payload, got {e:?}")
                    });
                assert_eq!(response.status(), 201);
                let expected = api::CreatedBackup::new(
                    api::Backup::new(
                            String::from("2f4ddb93-b901-4b08-93d8-1d2e472f30fe"),
                            String::from("backup-1"),
                            api::BackupStatus::Building,
                            api::BackupType::Manual,
                            String::from("07033b125fd94a8a96896f8bcfee6ddain07"),
                        )
                        .description(String::from("Manual backup"))
                        .begin_time(String::from("2020-07-07T01:17:05+0800")),
                    String::from("e0fbbfc8-1ac4-4721-b9e9-7dd685c5bdd7"),
                );
                assert_eq!(response.into_inner(), expected);
            }
        }
    }
}
mod oms {
    mod apply_block_timer {
        use generated::oms as api;
        /// `documented_address`: The request address line with the Data Parameters body.
        #[tokio::test]
        async fn documented_address() {
            let target = protocol_test::Target::start(
                    "oms",
                    None,
                    protocol_test::CannedResponse::new(200)
                        .header("Content-Type", "application/json")
                        .body(b"{}"),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .apply_block_timer()
                .set_id(126)
                .app_id(2)
                .svr_ids(
                    api::ApplyBlockTimerSvrIds::Servers(
                        Vec::from([String::from("126.2.2.3")]),
                    ),
                )
                .send()
                .await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new(
                            "POST",
                            "/app/newoms.php/webservice/business/backup-svr-data/apply-block-timer",
                        )
                        .query(&[("cmd", "10016"), ("ip-type", "webservicerest")])
                        .json_body(
                            "{\"set_id\":126,\"app_id\":2,\"svr_ids\":[\"126.2.2.3\"]}",
                        )
                        .secret(protocol_test::Place::Query, "access-token"),
                );
            }
            if target.is_remote() {
                if let Err(e) = &result {
                    panic!("expected a documented success, got {e:?}");
                }
            }
        }
        /// `curl_apply`: The curl request and the successful return example. Replayed as corrected by erratum E4.
        #[tokio::test]
        async fn curl_apply() {
            let target = protocol_test::Target::start(
                    "oms",
                    Some("curl_apply"),
                    protocol_test::CannedResponse::new(200)
                        .header("Content-Type", "application/json")
                        .body(
                            b"{\"ret\":0,\"msg\":\"success to apply backup svr table\",\"id\":7}",
                        ),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .apply_block_timer()
                .set_id(126)
                .app_id(2)
                .svr_ids(
                    api::ApplyBlockTimerSvrIds::Servers(
                        Vec::from([String::from("126.2.2.3")]),
                    ),
                )
                .send()
                .await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new(
                            "POST",
                            "/app/newoms.php/webservice/business/backup-svr-data/apply-block-timer",
                        )
                        .query(&[("cmd", "10016"), ("ip-type", "webservicerest")])
                        .json_body(
                            "{\"set_id\":126,\"app_id\":2,\"svr_ids\":[\"126.2.2.3\"]}",
                        )
                        .secret(protocol_test::Place::Query, "access-token"),
                );
            }
            let response = result
                .unwrap_or_else(|e| {
                    panic!("expected the documented payload, got {e:?}")
                });
            assert_eq!(response.status(), 200);
            let expected = api::BlockTimerApplication::new(7);
            assert_eq!(response.into_inner(), expected);
        }
        /// `invalid_credential`: Failed return example for a bad access token. Replayed as corrected by erratum E6.
        #[tokio::test]
        async fn invalid_credential() {
            let target = protocol_test::Target::start(
                    "oms",
                    Some("invalid_credential"),
                    protocol_test::CannedResponse::new(401)
                        .header("Content-Type", "application/json")
                        .body(
                            b"{\"name\":\"Unauthorized\",\"message\":\"You are requesting with an invalid credential.\",\"code\":0,\"status\":401,\"type\":\"yii\\\\web UnauthorizedHttpException\"}",
                        ),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .apply_block_timer()
                .set_id(126)
                .app_id(2)
                .svr_ids(
                    api::ApplyBlockTimerSvrIds::Servers(
                        Vec::from([String::from("126.2.2.3")]),
                    ),
                )
                .send()
                .await;
            let shown = result
                .as_ref()
                .err()
                .map(ToString::to_string)
                .unwrap_or_default();
            let left_out: Vec<&str> = [
                "Unauthorized",
                "You are requesting with an invalid credential.",
                "yii\\web UnauthorizedHttpException",
            ]
                .into_iter()
                .filter(|t| !shown.contains(t))
                .collect();
            assert!(left_out.is_empty(), "`{shown}` leaves out {left_out:?}");
            match result {
                Err(
                    generated::runtime::Error::Documented {
                        status,
                        error: api::ApplyBlockTimerError::Unauthorized(body),
                    },
                ) => {
                    assert_eq!(status, 401);
                    let expected = api::YiiUnauthorized::new(
                            String::from("Unauthorized"),
                            String::from(
                                "You are requesting with an invalid credential.",
                            ),
                            0,
                            401,
                        )
                        .r#type(String::from("yii\\web UnauthorizedHttpException"));
                    assert_eq!(body, expected);
                }
                other => {
                    panic!(
                        "expected the documented failure `unauthorized`, got {other:?}"
                    )
                }
            }
        }
        /// `conflicting_application`: Failed return example for processes already in another application. Replayed as corrected by erratum E6.
        #[tokio::test]
        async fn conflicting_application() {
            let target = protocol_test::Target::start(
                    "oms",
                    Some("conflicting_application"),
                    protocol_test::CannedResponse::new(422)
                        .header("Content-Type", "application/json")
                        .body(
                            b"{\"conflict_apply\":[\"those svr_id conflict with other data-back-up apply. apply_id is [\\\"2\\\"]. please check them first.\"]}",
                        ),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .apply_block_timer()
                .set_id(126)
                .app_id(2)
                .svr_ids(
                    api::ApplyBlockTimerSvrIds::Servers(
                        Vec::from([String::from("126.2.2.3")]),
                    ),
                )
                .send()
                .await;
            let shown = result
                .as_ref()
                .err()
                .map(ToString::to_string)
                .unwrap_or_default();
            let left_out: Vec<&str> = [
                "those svr_id conflict with other data-back-up apply. apply_id is [\"2\"]. please check them first.",
            ]
                .into_iter()
                .filter(|t| !shown.contains(t))
                .collect();
            assert!(left_out.is_empty(), "`{shown}` leaves out {left_out:?}");
            match result {
                Err(
                    generated::runtime::Error::Documented {
                        status,
                        error: api::ApplyBlockTimerError::ConflictApply(body),
                    },
                ) => {
                    assert_eq!(status, 422);
                    let expected = api::ConflictApply::new(
                        Vec::from([
                            String::from(
                                "those svr_id conflict with other data-back-up apply. apply_id is [\"2\"]. please check them first.",
                            ),
                        ]),
                    );
                    assert_eq!(body, expected);
                }
                other => {
                    panic!(
                        "expected the documented failure `conflict_apply`, got {other:?}"
                    )
                }
            }
        }
    }
    mod apply_table_backup {
        use generated::oms as api;
        /// `documented_address`: The request address line with the Data Parameters body (numbers sent as strings). Replayed as corrected by erratum E7.
        #[tokio::test]
        async fn documented_address() {
            let target = protocol_test::Target::start(
                    "oms",
                    None,
                    protocol_test::CannedResponse::new(200)
                        .header("Content-Type", "application/json")
                        .body(b"{}"),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .apply_table_backup()
                .set_id(126)
                .app_id(2)
                .zone_id(api::ApplyTableBackupZoneId::Zone(0))
                .svr_ids(
                    api::ApplyTableBackupSvrIds::Servers(
                        Vec::from([String::from("126.2.2.2"), String::from("126.2.2.3")]),
                    ),
                )
                .auto_approve(0)
                .send()
                .await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new(
                            "POST",
                            "/app/newoms.php/webservice/business/backup-svr-data/apply",
                        )
                        .query(&[("cmd", "10009"), ("ip-type", "webservicerest")])
                        .json_body(
                            "{\"set_id\":\"126\",\"app_id\":\"2\",\"zone_id\":\"0\",\"svr_ids\":[\"126.2.2.2\",\"126.2.2.3\"],\"auto_approve\":\"0\"}",
                        )
                        .secret(protocol_test::Place::Query, "access-token"),
                );
            }
            if target.is_remote() {
                if let Err(e) = &result {
                    panic!("expected a documented success, got {e:?}");
                }
            }
        }
        /// `curl_apply_servers`: The curl request with successful example 1 (backup of the listed processes). Replayed as corrected by erratum E16.
        #[tokio::test]
        async fn curl_apply_servers() {
            let target = protocol_test::Target::start(
                    "oms",
                    Some("curl_apply_servers"),
                    protocol_test::CannedResponse::new(200)
                        .header("Content-Type", "application/json")
                        .body(
                            b"{\"apply\":{\"ret\":0,\"msg\":\"success to apply backup svr table\",\"id\":558}}",
                        ),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .apply_table_backup()
                .set_id(126)
                .app_id(2)
                .zone_id(api::ApplyTableBackupZoneId::Zone(0))
                .svr_ids(
                    api::ApplyTableBackupSvrIds::Servers(
                        Vec::from([String::from("126.2.2.2"), String::from("126.2.2.3")]),
                    ),
                )
                .auto_approve(0)
                .send()
                .await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new(
                            "POST",
                            "/app/newoms.php/webservice/business/backup-svr-data/apply",
                        )
                        .query(&[("cmd", "10009"), ("ip-type", "webservicerest")])
                        .json_body(
                            "{\"set_id\":\"126\",\"app_id\":\"2\",\"zone_id\":\"0\",\"svr_ids\":[\"126.2.2.2\",\"126.2.2.3\"],\"auto_approve\":\"0\"}",
                        )
                        .secret(protocol_test::Place::Query, "access-token"),
                );
            }
            let response = result
                .unwrap_or_else(|e| {
                    panic!("expected the documented payload, got {e:?}")
                });
            assert_eq!(response.status(), 200);
            let expected = api::TableBackupApplication::new(api::ApplyOutcome::new(558));
            assert_eq!(response.into_inner(), expected);
        }
        /// `auto_approved_all`: Successful example 2, an auto-approved application (its request is not shown). Replayed as corrected by erratum E14.
        #[tokio::test]
        async fn auto_approved_all() {
            let target = protocol_test::Target::start(
                    "oms",
                    Some("auto_approved_all"),
                    protocol_test::CannedResponse::new(200)
                        .header("Content-Type", "application/json")
                        .body(
                            b"{\"apply\":{\"ret\":0,\"msg\":\"success to apply backup svr table\",\"id\":559},\"check\":{\"ret\":0,\"msg\":\"\",\"trans_id\":260}}",
                        ),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .apply_table_backup()
                .set_id(126)
                .app_id(2)
                .zone_id(api::ApplyTableBackupZoneId::Zone(0))
                .svr_ids(
                    api::ApplyTableBackupSvrIds::Servers(
                        Vec::from([String::from("126.2.2.2"), String::from("126.2.2.3")]),
                    ),
                )
                .auto_approve(0)
                .send()
                .await;
            let response = result
                .unwrap_or_else(|e| {
                    panic!("expected the documented payload, got {e:?}")
                });
            assert_eq!(response.status(), 200);
            let expected = api::TableBackupApplication::new(api::ApplyOutcome::new(559))
                .check(api::CheckOutcome::new(260));
            assert_eq!(response.into_inner(), expected);
        }
        /// `invalid_credential`: Failed return example for a bad access token. Replayed as corrected by erratum E17.
        #[tokio::test]
        async fn invalid_credential() {
            let target = protocol_test::Target::start(
                    "oms",
                    Some("invalid_credential"),
                    protocol_test::CannedResponse::new(401)
                        .header("Content-Type", "application/json")
                        .body(
                            b"{\"name\":\"Unauthorized\",\"message\":\"You are requesting with an invalid credential.\",\"code\":0,\"status\":401,\"type\":\"yii\\\\web UnauthorizedHttpException\"}",
                        ),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .apply_table_backup()
                .set_id(126)
                .app_id(2)
                .zone_id(api::ApplyTableBackupZoneId::Zone(0))
                .svr_ids(
                    api::ApplyTableBackupSvrIds::Servers(
                        Vec::from([String::from("126.2.2.2"), String::from("126.2.2.3")]),
                    ),
                )
                .auto_approve(0)
                .send()
                .await;
            let shown = result
                .as_ref()
                .err()
                .map(ToString::to_string)
                .unwrap_or_default();
            let left_out: Vec<&str> = [
                "Unauthorized",
                "You are requesting with an invalid credential.",
                "yii\\web UnauthorizedHttpException",
            ]
                .into_iter()
                .filter(|t| !shown.contains(t))
                .collect();
            assert!(left_out.is_empty(), "`{shown}` leaves out {left_out:?}");
            match result {
                Err(
                    generated::runtime::Error::Documented {
                        status,
                        error: api::ApplyTableBackupError::Unauthorized(body),
                    },
                ) => {
                    assert_eq!(status, 401);
                    let expected = api::YiiUnauthorized::new(
                            String::from("Unauthorized"),
                            String::from(
                                "You are requesting with an invalid credential.",
                            ),
                            0,
                            401,
                        )
                        .r#type(String::from("yii\\web UnauthorizedHttpException"));
                    assert_eq!(body, expected);
                }
                other => {
                    panic!(
                        "expected the documented failure `unauthorized`, got {other:?}"
                    )
                }
            }
        }
        /// `source_not_whitelisted`: Failed return example for a caller outside the whitelist. Replayed as corrected by erratum E17.
        #[tokio::test]
        async fn source_not_whitelisted() {
            let target = protocol_test::Target::start(
                    "oms",
                    Some("source_not_whitelisted"),
                    protocol_test::CannedResponse::new(403)
                        .header("Content-Type", "application/json")
                        .body(b"{\"source_ip\":\"ip:10.29.89.51 not in whitelist\"}"),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .apply_table_backup()
                .set_id(126)
                .app_id(2)
                .zone_id(api::ApplyTableBackupZoneId::Zone(0))
                .svr_ids(
                    api::ApplyTableBackupSvrIds::Servers(
                        Vec::from([String::from("126.2.2.2"), String::from("126.2.2.3")]),
                    ),
                )
                .auto_approve(0)
                .send()
                .await;
            let shown = result
                .as_ref()
                .err()
                .map(ToString::to_string)
                .unwrap_or_default();
            let left_out: Vec<&str> = ["ip:10.29.89.51 not in whitelist"]
                .into_iter()
                .filter(|t| !shown.contains(t))
                .collect();
            assert!(left_out.is_empty(), "`{shown}` leaves out {left_out:?}");
            match result {
                Err(
                    generated::runtime::Error::Documented {
                        status,
                        error: api::ApplyTableBackupError::SourceIp(body),
                    },
                ) => {
                    assert_eq!(status, 403);
                    let expected = api::SourceIpRejected::new(
                        String::from("ip:10.29.89.51 not in whitelist"),
                    );
                    assert_eq!(body, expected);
                }
                other => {
                    panic!("expected the documented failure `source_ip`, got {other:?}")
                }
            }
        }
    }
    mod reject_application {
        use generated::oms as api;
        /// `reject_form`: The rejection body with its success return (`true`); the address is our assumption. Replayed as corrected by erratum E11.
        #[tokio::test]
        async fn reject_form() {
            let target = protocol_test::Target::start(
                    "oms",
                    Some("reject_form"),
                    protocol_test::CannedResponse::new(200)
                        .header("Content-Type", "application/json")
                        .body(b"true"),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .reject_application()
                .apply_id(100)
                .memo("test")
                .send()
                .await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new(
                            "POST",
                            "/app/newoms.php/webservice/business/backup-svr-data/reject",
                        )
                        .query(&[("ip-type", "webservicerest")])
                        .json_body("{\"apply_id\":\"100\",\"memo\":\"test\"}")
                        .secret(protocol_test::Place::Query, "access-token"),
                );
            }
            let response = result
                .unwrap_or_else(|e| {
                    panic!("expected the documented payload, got {e:?}")
                });
            assert_eq!(response.status(), 200);
            let expected = true;
            assert_eq!(response.into_inner(), expected);
        }
        /// `unknown_application`: Failed return example for an application id that does not exist. Replayed as corrected by erratum E17.
        #[tokio::test]
        async fn unknown_application() {
            let target = protocol_test::Target::start(
                    "oms",
                    Some("unknown_application"),
                    protocol_test::CannedResponse::new(422)
                        .header("Content-Type", "application/json")
                        .body(
                            b"{\"apply_id\":[\"can't find apply_list(apply_id=100)\"]}",
                        ),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .reject_application()
                .apply_id(100)
                .memo("test")
                .send()
                .await;
            let shown = result
                .as_ref()
                .err()
                .map(ToString::to_string)
                .unwrap_or_default();
            let left_out: Vec<&str> = ["can't find apply_list(apply_id=100)"]
                .into_iter()
                .filter(|t| !shown.contains(t))
                .collect();
            assert!(left_out.is_empty(), "`{shown}` leaves out {left_out:?}");
            match result {
                Err(
                    generated::runtime::Error::Documented {
                        status,
                        error: api::RejectApplicationError::ApplyNotFound(body),
                    },
                ) => {
                    assert_eq!(status, 422);
                    let expected = api::ApplyIdRejected::new(
                        Vec::from([String::from("can't find apply_list(apply_id=100)")]),
                    );
                    assert_eq!(body, expected);
                }
                other => {
                    panic!(
                        "expected the documented failure `apply_not_found`, got {other:?}"
                    )
                }
            }
        }
    }
}
mod otc_dcs {
    mod list_backup_records {
        use generated::otc_dcs as api;
        /// `list_records`: The page's request template, with the placeholders filled from the parameter table. Replayed as corrected by erratum E1.
        #[tokio::test]
        async fn list_records() {
            let target = protocol_test::Target::start(
                    "otc_dcs",
                    Some("list_records"),
                    protocol_test::CannedResponse::new(200)
                        .header("Content-Type", "application/json")
                        .body(
                            b"{\"backup_record_response\":[{\"status\":\"succeed\",\"remark\":\"001\",\"period\":null,\"progress\":\"100.00\",\"size\":880232,\"instance_id\":\"5560df16-cebf-4473-95c4-d1b573c16e79\",\"backup_id\":\"4631832a-14c6-45b0-a0b3-3abd8f591ad1\",\"created_at\":\"2019-05-10T08:31:16.166Z\",\"updated_at\":\"2019-05-10T08:32:30.546Z\",\"execution_at\":\"2019-05-10T08:31:21.461Z\",\"backup_type\":\"manual\",\"backup_format\":\"AOF\",\"backup_name\":\"backup_20190510163116\",\"error_code\":null,\"is_support_restore\":\"TRUE\"}],\"total_num\":1}",
                        ),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .list_backup_records()
                .project_id("0605767b0f0c4f3f9c21b7b5e2f1a5d1")
                .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
                .start(1)
                .limit(10)
                .begin_time("20170718235959")
                .end_time("20190718235959")
                .send()
                .await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new(
                            "GET",
                            "/v1.0/0605767b0f0c4f3f9c21b7b5e2f1a5d1/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups",
                        )
                        .query(
                            &[
                                ("start", "1"),
                                ("limit", "10"),
                                ("beginTime", "20170718235959"),
                                ("endTime", "20190718235959"),
                            ],
                        )
                        .empty_body()
                        .secret(protocol_test::Place::Header, "X-Auth-Token"),
                );
            }
            let response = result
                .unwrap_or_else(|e| {
                    panic!("expected the documented payload, got {e:?}")
                });
            assert_eq!(response.status(), 200);
            let expected = api::BackupRecordList::new(
                Vec::from([
                    api::BackupRecord::new(
                            api::BackupStatus::Succeed,
                            String::from("5560df16-cebf-4473-95c4-d1b573c16e79"),
                            String::from("4631832a-14c6-45b0-a0b3-3abd8f591ad1"),
                        )
                        .remark(String::from("001"))
                        .progress(String::from("100.00"))
                        .size(880232)
                        .created_at(String::from("2019-05-10T08:31:16.166Z"))
                        .updated_at(String::from("2019-05-10T08:32:30.546Z"))
                        .execution_at(String::from("2019-05-10T08:31:21.461Z"))
                        .backup_type(api::BackupType::Manual)
                        .backup_name(String::from("backup_20190510163116"))
                        .backup_format(String::from("AOF"))
                        .is_support_restore(api::RestoreSupport::True),
                ]),
                1,
            );
            assert_eq!(response.into_inner(), expected);
        }
        mod signed {
            use super::api;
            /// `list_records`: The page's request template, with the placeholders filled from the parameter table. Replayed as corrected by erratum E1.
            #[tokio::test]
            async fn list_records() {
                let target = protocol_test::Target::start(
                        "otc_dcs",
                        Some("list_records"),
                        protocol_test::CannedResponse::new(200)
                            .header("Content-Type", "application/json")
                            .body(
                                b"{\"backup_record_response\":[{\"status\":\"succeed\",\"remark\":\"001\",\"period\":null,\"progress\":\"100.00\",\"size\":880232,\"instance_id\":\"5560df16-cebf-4473-95c4-d1b573c16e79\",\"backup_id\":\"4631832a-14c6-45b0-a0b3-3abd8f591ad1\",\"created_at\":\"2019-05-10T08:31:16.166Z\",\"updated_at\":\"2019-05-10T08:32:30.546Z\",\"execution_at\":\"2019-05-10T08:31:21.461Z\",\"backup_type\":\"manual\",\"backup_format\":\"AOF\",\"backup_name\":\"backup_20190510163116\",\"error_code\":null,\"is_support_restore\":\"TRUE\"}],\"total_num\":1}",
                            ),
                    )
                    .await
                    .expect("the test target starts");
                let client = api::Client::builder()
                    .base_url(target.url())
                    .http_client(target.http_client())
                    .access_key(protocol_test::ACCESS_KEY)
                    .secret_key(protocol_test::SECRET_KEY)
                    .build()
                    .expect("the client builds");
                let result = client
                    .list_backup_records()
                    .project_id("0605767b0f0c4f3f9c21b7b5e2f1a5d1")
                    .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
                    .start(1)
                    .limit(10)
                    .begin_time("20170718235959")
                    .end_time("20190718235959")
                    .send()
                    .await;
                if let Some(sent) = target.captured() {
                    protocol_test::assert_request(
                        &sent,
                        &protocol_test::ExpectedRequest::new(
                                "GET",
                                "/v1.0/0605767b0f0c4f3f9c21b7b5e2f1a5d1/instances/5560df16-cebf-4473-95c4-d1b573c16e79/backups",
                            )
                            .query(
                                &[
                                    ("start", "1"),
                                    ("limit", "10"),
                                    ("beginTime", "20170718235959"),
                                    ("endTime", "20190718235959"),
                                ],
                            )
                            .empty_body()
                            .signed_by(protocol_test::ACCESS_KEY),
                    );
                }
                let response = result
                    .unwrap_or_else(|e| {
                        panic!("expected the documented payload, got {e:?}")
                    });
                assert_eq!(response.status(), 200);
                let expected = api::BackupRecordList::new(
                    Vec::from([
                        api::BackupRecord::new(
                                api::BackupStatus::Succeed,
                                String::from("5560df16-cebf-4473-95c4-d1b573c16e79"),
                                String::from("4631832a-14c6-45b0-a0b3-3abd8f591ad1"),
                            )
                            .remark(String::from("001"))
                            .progress(String::from("100.00"))
                            .size(880232)
                            .created_at(String::from("2019-05-10T08:31:16.166Z"))
                            .updated_at(String::from("2019-05-10T08:32:30.546Z"))
                            .execution_at(String::from("2019-05-10T08:31:21.461Z"))
                            .backup_type(api::BackupType::Manual)
                            .backup_name(String::from("backup_20190510163116"))
                            .backup_format(String::from("AOF"))
                            .is_support_restore(api::RestoreSupport::True),
                    ]),
                    1,
                );
                assert_eq!(response.into_inner(), expected);
            }
        }
    }
}
mod zomro {
    mod create_backup_schedule {
        use generated::zomro as api;
        /// `parameter_table_values`: The sample values of the parameter table. Replayed as corrected by erratum E2.
        #[tokio::test]
        async fn parameter_table_values() {
            let target = protocol_test::Target::start(
                    "zomro",
                    None,
                    protocol_test::CannedResponse::new(200),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .create_backup_schedule()
                .plid(5203773)
                .name("MyBackup")
                .rotation_days(Vec::from([1, 2, 3, 4, 5, 6, 0]))
                .rotation_time("02:01")
                .send()
                .await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new("POST", "/")
                        .multipart_body(
                            &[
                                ("func", "instances.fleio_bckps.schedule.edit"),
                                ("out", "json"),
                                ("sok", "ok"),
                                ("plid", "5203773"),
                                ("name", "MyBackup"),
                                ("rotation_days", "1,2,3,4,5,6,0"),
                                ("rotation_time", "02:01"),
                            ],
                        )
                        .secret(protocol_test::Place::Body, "auth"),
                );
            }
            if target.is_remote() {
                if let Err(e) = &result {
                    panic!("expected a documented success, got {e:?}");
                }
            }
        }
        /// `example_table`: The worked example's table (Monday to Saturday at 02:01), with func corrected. Replayed as corrected by erratum E1.
        #[tokio::test]
        async fn example_table() {
            let target = protocol_test::Target::start(
                    "zomro",
                    None,
                    protocol_test::CannedResponse::new(200),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .create_backup_schedule()
                .plid(5203773)
                .name("MySchedule")
                .rotation_days(Vec::from([1, 2, 3, 4, 5, 6]))
                .rotation_time("02:01")
                .send()
                .await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new("POST", "/")
                        .multipart_body(
                            &[
                                ("func", "instances.fleio_bckps.schedule.edit"),
                                ("out", "json"),
                                ("sok", "ok"),
                                ("plid", "5203773"),
                                ("name", "MySchedule"),
                                ("rotation_days", "1,2,3,4,5,6"),
                                ("rotation_time", "02:01"),
                            ],
                        )
                        .secret(protocol_test::Place::Body, "auth"),
                );
            }
            if target.is_remote() {
                if let Err(e) = &result {
                    panic!("expected a documented success, got {e:?}");
                }
            }
        }
        /// `curl_create`: The curl request of the worked example; the answer is our assumption (the page shows a screenshot). Replayed as corrected by erratum E8.
        #[tokio::test]
        async fn curl_create() {
            let target = protocol_test::Target::start(
                    "zomro",
                    Some("curl_create"),
                    protocol_test::CannedResponse::new(200)
                        .header("Content-Type", "application/json")
                        .body(b"{\"doc\":{\"ok\":{}}}"),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client
                .create_backup_schedule()
                .plid(5203773)
                .name("MySchedule")
                .rotation_days(Vec::from([1, 2, 3, 4, 5, 6]))
                .rotation_time("02:01")
                .send()
                .await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new("POST", "/")
                        .multipart_body(
                            &[
                                ("func", "instances.fleio_bckps.schedule.edit"),
                                ("out", "json"),
                                ("name", "MySchedule"),
                                ("rotation_days", "1,2,3,4,5,6"),
                                ("rotation_time", "02:01"),
                                ("plid", "5203773"),
                                ("sok", "ok"),
                            ],
                        )
                        .secret(protocol_test::Place::Body, "auth"),
                );
            }
            let response = result
                .unwrap_or_else(|e| {
                    panic!("expected the documented payload, got {e:?}")
                });
            assert_eq!(response.status(), 200);
            let () = response.into_inner();
        }
    }
    mod list_backup_schedules {
        use generated::zomro as api;
        /// `curl_list`: The curl request and its answer (corrected to valid JSON). Replayed as corrected by erratum E5.
        #[tokio::test]
        async fn curl_list() {
            let target = protocol_test::Target::start(
                    "zomro",
                    Some("curl_list"),
                    protocol_test::CannedResponse::new(200)
                        .header("Content-Type", "application/json")
                        .body(
                            b"{\"doc\":{\"elem\":[{\"create_date\":{\"$\":\"2024-07-24\"},\"id\":{\"$\":\"14\"},\"instance_id\":{\"$\":\"5203773\"},\"name\":{\"$\":\"MySchedule\"},\"rotation_days\":{\"$\":\"Monday Tuesday Wednesday Thursday Friday Saturday \"},\"rotation_time\":{\"$\":\"02:01\"},\"servername\":{\"$\":\"MyServer\"}}]}}",
                        ),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client.list_backup_schedules().elid(5203773).send().await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new("POST", "/")
                        .multipart_body(
                            &[
                                ("func", "instances.fleio_bckps.schedule"),
                                ("out", "json"),
                                ("elid", "5203773"),
                            ],
                        )
                        .secret(protocol_test::Place::Body, "auth"),
                );
            }
            let response = result
                .unwrap_or_else(|e| {
                    panic!("expected the documented payload, got {e:?}")
                });
            assert_eq!(response.status(), 200);
            let expected = Vec::from([
                api::BackupSchedule::new(14, 5203773, String::from("MySchedule"))
                    .rotation_days(
                        String::from(
                            "Monday Tuesday Wednesday Thursday Friday Saturday ",
                        ),
                    )
                    .rotation_time(String::from("02:01"))
                    .create_date(String::from("2024-07-24"))
                    .servername(String::from("MyServer")),
            ]);
            assert_eq!(response.into_inner(), expected);
        }
    }
    mod delete_backup_schedule {
        use generated::zomro as api;
        /// `curl_delete`: The curl request; the answer is our assumption (the page checks the web UI). Replayed as corrected by erratum E8.
        #[tokio::test]
        async fn curl_delete() {
            let target = protocol_test::Target::start(
                    "zomro",
                    Some("curl_delete"),
                    protocol_test::CannedResponse::new(200)
                        .header("Content-Type", "application/json")
                        .body(b"{\"doc\":{\"ok\":{}}}"),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client.delete_backup_schedule().elid(14).send().await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new("POST", "/")
                        .multipart_body(
                            &[
                                ("func", "instances.fleio_bckps.schedule.delete"),
                                ("out", "json"),
                                ("elid", "14"),
                            ],
                        )
                        .secret(protocol_test::Place::Body, "auth"),
                );
            }
            let response = result
                .unwrap_or_else(|e| {
                    panic!("expected the documented payload, got {e:?}")
                });
            assert_eq!(response.status(), 200);
            let () = response.into_inner();
        }
        /// `parameter_table_values`: The sample values of the parameter table (value column), with func taken from the curl. Replayed as corrected by erratum E7.
        #[tokio::test]
        async fn parameter_table_values() {
            let target = protocol_test::Target::start(
                    "zomro",
                    None,
                    protocol_test::CannedResponse::new(200),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            let result = client.delete_backup_schedule().elid(14).send().await;
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(
                    &sent,
                    &protocol_test::ExpectedRequest::new("POST", "/")
                        .multipart_body(
                            &[
                                ("func", "instances.fleio_bckps.schedule.delete"),
                                ("out", "json"),
                                ("elid", "14"),
                            ],
                        )
                        .secret(protocol_test::Place::Body, "auth"),
                );
            }
            if target.is_remote() {
                if let Err(e) = &result {
                    panic!("expected a documented success, got {e:?}");
                }
            }
        }
    }
}
