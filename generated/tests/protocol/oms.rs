// Generated from specs/oms.yaml by `cargo xtask codegen`; do not edit.
//! Protocol tests of `oms`: one module per operation, one test per documented example.
use generated::oms as api;
/// A client builder aimed at the test's target: its own capture server, or the running
/// mock (whose client sends the `Prefer` header naming the example).
fn builder(target: &protocol_test::Target) -> api::ClientBuilder {
    api::Client::builder().base_url(target.url()).http_client(target.http_client())
}
mod apply_block_timer {
    use super::*;
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
        let client = builder(&target)
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
        let client = builder(&target)
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
            .unwrap_or_else(|e| panic!("expected the documented payload, got {e:?}"));
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
        let client = builder(&target)
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
        let shown = result.as_ref().err().map(ToString::to_string).unwrap_or_default();
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
                        String::from("You are requesting with an invalid credential."),
                        0,
                        401,
                    )
                    .r#type(String::from("yii\\web UnauthorizedHttpException"));
                assert_eq!(body, expected);
            }
            other => {
                panic!("expected the documented failure `unauthorized`, got {other:?}")
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
        let client = builder(&target)
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
        let shown = result.as_ref().err().map(ToString::to_string).unwrap_or_default();
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
                panic!("expected the documented failure `conflict_apply`, got {other:?}")
            }
        }
    }
}
mod apply_table_backup {
    use super::*;
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
        let client = builder(&target)
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
        let client = builder(&target)
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
            .unwrap_or_else(|e| panic!("expected the documented payload, got {e:?}"));
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
        let client = builder(&target)
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
            .unwrap_or_else(|e| panic!("expected the documented payload, got {e:?}"));
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
        let client = builder(&target)
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
        let shown = result.as_ref().err().map(ToString::to_string).unwrap_or_default();
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
                        String::from("You are requesting with an invalid credential."),
                        0,
                        401,
                    )
                    .r#type(String::from("yii\\web UnauthorizedHttpException"));
                assert_eq!(body, expected);
            }
            other => {
                panic!("expected the documented failure `unauthorized`, got {other:?}")
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
        let client = builder(&target)
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
        let shown = result.as_ref().err().map(ToString::to_string).unwrap_or_default();
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
            other => panic!("expected the documented failure `source_ip`, got {other:?}"),
        }
    }
}
mod reject_application {
    use super::*;
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
        let client = builder(&target)
            .access_token(crate::CREDENTIAL)
            .build()
            .expect("the client builds");
        let result = client.reject_application().apply_id(100).memo("test").send().await;
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
            .unwrap_or_else(|e| panic!("expected the documented payload, got {e:?}"));
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
                    .body(b"{\"apply_id\":[\"can't find apply_list(apply_id=100)\"]}"),
            )
            .await
            .expect("the test target starts");
        let client = builder(&target)
            .access_token(crate::CREDENTIAL)
            .build()
            .expect("the client builds");
        let result = client.reject_application().apply_id(100).memo("test").send().await;
        let shown = result.as_ref().err().map(ToString::to_string).unwrap_or_default();
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
