// Generated from specs/gaussdb_mysql.yaml, specs/oms.yaml, specs/otc_dcs.yaml, specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Call builders: an operation called without its required parameters, or with a
//! value breaking a documented constraint, is refused before anything is sent, with
//! an error naming each missing setter or the parameter.
/// Sent instead of a real credential.
const CREDENTIAL: &str = "placeholder-credential";
/// Whether a violation of `e` names the parameter `wire`: itself, one of its
/// items or one of its members.
#[allow(dead_code)]
fn names(e: &generated::runtime::InvalidInput, wire: &str) -> bool {
    e.violations
        .iter()
        .any(|v| {
            v.field
                .strip_prefix(wire)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['[', '.']))
        })
}
mod gaussdb_mysql {
    use generated::gaussdb_mysql as api;
    /// A client builder aimed at the test's capture server.
    fn builder(target: &protocol_test::Target) -> api::ClientBuilder {
        api::Client::builder().base_url(target.url()).http_client(target.http_client())
    }
    mod create_manual_backup {
        use super::*;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client.create_manual_backup().send().await {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    let named: Vec<&str> = e
                        .violations
                        .iter()
                        .map(|v| v.field.as_str())
                        .collect();
                    assert_eq!(named, ["project_id", "instance_id", "name"]);
                }
                other => panic!("expected the missing parameters refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `project_id` = `""` breaks its `min_length`.
        #[tokio::test]
        async fn refuses_project_id_min_length() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .create_manual_backup()
                .project_id("")
                .instance_id("07033b125fd94a8a96896f8bcfee6ddain07")
                .name("backup-1")
                .description("Manual backup")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "project_id"), "`{}` not named: {e}",
                        "project_id"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `instance_id` = `""` breaks its `min_length`.
        #[tokio::test]
        async fn refuses_instance_id_min_length() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .create_manual_backup()
                .project_id("619d3e78f61b4be68bc5aa0b59edcf7b")
                .instance_id("")
                .name("backup-1")
                .description("Manual backup")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "instance_id"), "`{}` not named: {e}",
                        "instance_id"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `name` = `"aaa"` breaks its `min_length`.
        #[tokio::test]
        async fn refuses_name_min_length() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .create_manual_backup()
                .project_id("619d3e78f61b4be68bc5aa0b59edcf7b")
                .instance_id("07033b125fd94a8a96896f8bcfee6ddain07")
                .name("aaa")
                .description("Manual backup")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(crate ::names(& e, "name"), "`{}` not named: {e}", "name")
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `name` = `"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"` breaks its `max_length`.
        #[tokio::test]
        async fn refuses_name_max_length() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .create_manual_backup()
                .project_id("619d3e78f61b4be68bc5aa0b59edcf7b")
                .instance_id("07033b125fd94a8a96896f8bcfee6ddain07")
                .name(
                    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                )
                .description("Manual backup")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(crate ::names(& e, "name"), "`{}` not named: {e}", "name")
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `name` = `"!"` breaks its `pattern`.
        #[tokio::test]
        async fn refuses_name_pattern() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .create_manual_backup()
                .project_id("619d3e78f61b4be68bc5aa0b59edcf7b")
                .instance_id("07033b125fd94a8a96896f8bcfee6ddain07")
                .name("!")
                .description("Manual backup")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(crate ::names(& e, "name"), "`{}` not named: {e}", "name")
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `description` = `"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"` breaks its `max_length`.
        #[tokio::test]
        async fn refuses_description_max_length() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .create_manual_backup()
                .project_id("619d3e78f61b4be68bc5aa0b59edcf7b")
                .instance_id("07033b125fd94a8a96896f8bcfee6ddain07")
                .name("backup-1")
                .description(
                    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                )
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "description"), "`{}` not named: {e}",
                        "description"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `description` = `">"` breaks its `forbidden_chars`.
        #[tokio::test]
        async fn refuses_description_forbidden_chars() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .create_manual_backup()
                .project_id("619d3e78f61b4be68bc5aa0b59edcf7b")
                .instance_id("07033b125fd94a8a96896f8bcfee6ddain07")
                .name("backup-1")
                .description(">")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "description"), "`{}` not named: {e}",
                        "description"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
    }
}
mod oms {
    use generated::oms as api;
    /// A client builder aimed at the test's capture server.
    fn builder(target: &protocol_test::Target) -> api::ClientBuilder {
        api::Client::builder().base_url(target.url()).http_client(target.http_client())
    }
    mod apply_block_timer {
        use super::*;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client.apply_block_timer().send().await {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    let named: Vec<&str> = e
                        .violations
                        .iter()
                        .map(|v| v.field.as_str())
                        .collect();
                    assert_eq!(named, ["set_id", "app_id", "svr_ids"]);
                }
                other => panic!("expected the missing parameters refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `svr_ids` = `["!"]` breaks its `pattern`.
        #[tokio::test]
        async fn refuses_svr_ids_pattern() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .apply_block_timer()
                .set_id(126)
                .app_id(2)
                .svr_ids(
                    api::ApplyBlockTimerSvrIds::Servers(Vec::from([String::from("!")])),
                )
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "svr_ids"), "`{}` not named: {e}", "svr_ids"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
    }
    mod apply_table_backup {
        use super::*;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client.apply_table_backup().send().await {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    let named: Vec<&str> = e
                        .violations
                        .iter()
                        .map(|v| v.field.as_str())
                        .collect();
                    assert_eq!(named, ["set_id", "app_id"]);
                }
                other => panic!("expected the missing parameters refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `svr_ids` = `["!"]` breaks its `pattern`.
        #[tokio::test]
        async fn refuses_svr_ids_pattern() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .apply_table_backup()
                .set_id(126)
                .app_id(2)
                .zone_id(api::ApplyTableBackupZoneId::Zone(0))
                .svr_ids(
                    api::ApplyTableBackupSvrIds::Servers(Vec::from([String::from("!")])),
                )
                .auto_approve(0)
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "svr_ids"), "`{}` not named: {e}", "svr_ids"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `auto_approve` = `-1` breaks its `minimum`.
        #[tokio::test]
        async fn refuses_auto_approve_minimum() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .apply_table_backup()
                .set_id(126)
                .app_id(2)
                .zone_id(api::ApplyTableBackupZoneId::Zone(0))
                .svr_ids(
                    api::ApplyTableBackupSvrIds::Servers(
                        Vec::from([String::from("126.2.2.2"), String::from("126.2.2.3")]),
                    ),
                )
                .auto_approve(-1)
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "auto_approve"), "`{}` not named: {e}",
                        "auto_approve"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `auto_approve` = `2` breaks its `maximum`.
        #[tokio::test]
        async fn refuses_auto_approve_maximum() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .apply_table_backup()
                .set_id(126)
                .app_id(2)
                .zone_id(api::ApplyTableBackupZoneId::Zone(0))
                .svr_ids(
                    api::ApplyTableBackupSvrIds::Servers(
                        Vec::from([String::from("126.2.2.2"), String::from("126.2.2.3")]),
                    ),
                )
                .auto_approve(2)
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "auto_approve"), "`{}` not named: {e}",
                        "auto_approve"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
    }
    mod reject_application {
        use super::*;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .access_token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client.reject_application().send().await {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    let named: Vec<&str> = e
                        .violations
                        .iter()
                        .map(|v| v.field.as_str())
                        .collect();
                    assert_eq!(named, ["apply_id"]);
                }
                other => panic!("expected the missing parameters refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
    }
}
mod otc_dcs {
    use generated::otc_dcs as api;
    /// A client builder aimed at the test's capture server.
    fn builder(target: &protocol_test::Target) -> api::ClientBuilder {
        api::Client::builder().base_url(target.url()).http_client(target.http_client())
    }
    mod list_backup_records {
        use super::*;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client.list_backup_records().send().await {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    let named: Vec<&str> = e
                        .violations
                        .iter()
                        .map(|v| v.field.as_str())
                        .collect();
                    assert_eq!(named, ["project_id", "instance_id"]);
                }
                other => panic!("expected the missing parameters refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `project_id` = `""` breaks its `min_length`.
        #[tokio::test]
        async fn refuses_project_id_min_length() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .list_backup_records()
                .project_id("")
                .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
                .start(1)
                .limit(10)
                .begin_time("20170718235959")
                .end_time("20190718235959")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "project_id"), "`{}` not named: {e}",
                        "project_id"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `instance_id` = `""` breaks its `min_length`.
        #[tokio::test]
        async fn refuses_instance_id_min_length() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .list_backup_records()
                .project_id("0605767b0f0c4f3f9c21b7b5e2f1a5d1")
                .instance_id("")
                .start(1)
                .limit(10)
                .begin_time("20170718235959")
                .end_time("20190718235959")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "instance_id"), "`{}` not named: {e}",
                        "instance_id"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `limit` = `0` breaks its `minimum`.
        #[tokio::test]
        async fn refuses_limit_minimum() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .list_backup_records()
                .project_id("0605767b0f0c4f3f9c21b7b5e2f1a5d1")
                .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
                .start(1)
                .limit(0)
                .begin_time("20170718235959")
                .end_time("20190718235959")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(crate ::names(& e, "limit"), "`{}` not named: {e}", "limit")
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `beginTime` = `"!"` breaks its `format`.
        #[tokio::test]
        async fn refuses_begin_time_format() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .list_backup_records()
                .project_id("0605767b0f0c4f3f9c21b7b5e2f1a5d1")
                .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
                .start(1)
                .limit(10)
                .begin_time("!")
                .end_time("20190718235959")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "beginTime"), "`{}` not named: {e}",
                        "beginTime"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `endTime` = `"!"` breaks its `format`.
        #[tokio::test]
        async fn refuses_end_time_format() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .token(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .list_backup_records()
                .project_id("0605767b0f0c4f3f9c21b7b5e2f1a5d1")
                .instance_id("5560df16-cebf-4473-95c4-d1b573c16e79")
                .start(1)
                .limit(10)
                .begin_time("20170718235959")
                .end_time("!")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "endTime"), "`{}` not named: {e}", "endTime"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
    }
}
mod zomro {
    use generated::zomro as api;
    /// A client builder aimed at the test's capture server.
    fn builder(target: &protocol_test::Target) -> api::ClientBuilder {
        api::Client::builder().base_url(target.url()).http_client(target.http_client())
    }
    mod create_backup_schedule {
        use super::*;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client.create_backup_schedule().send().await {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    let named: Vec<&str> = e
                        .violations
                        .iter()
                        .map(|v| v.field.as_str())
                        .collect();
                    assert_eq!(
                        named, ["plid", "name", "rotation_days", "rotation_time"]
                    );
                }
                other => panic!("expected the missing parameters refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `rotation_days` = `[-1]` breaks its `minimum`.
        #[tokio::test]
        async fn refuses_rotation_days_minimum() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .create_backup_schedule()
                .plid(5203773)
                .name("MyBackup")
                .rotation_days(Vec::from([-1]))
                .rotation_time("02:01")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "rotation_days"), "`{}` not named: {e}",
                        "rotation_days"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `rotation_days` = `[7]` breaks its `maximum`.
        #[tokio::test]
        async fn refuses_rotation_days_maximum() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .create_backup_schedule()
                .plid(5203773)
                .name("MyBackup")
                .rotation_days(Vec::from([7]))
                .rotation_time("02:01")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "rotation_days"), "`{}` not named: {e}",
                        "rotation_days"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
        /// `rotation_time` = `"!"` breaks its `format`.
        #[tokio::test]
        async fn refuses_rotation_time_format() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client
                .create_backup_schedule()
                .plid(5203773)
                .name("MyBackup")
                .rotation_days(Vec::from([1, 2, 3, 4, 5, 6, 0]))
                .rotation_time("!")
                .send()
                .await
            {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    assert!(
                        crate ::names(& e, "rotation_time"), "`{}` not named: {e}",
                        "rotation_time"
                    )
                }
                other => panic!("expected the value refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
    }
    mod list_backup_schedules {
        use super::*;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client.list_backup_schedules().send().await {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    let named: Vec<&str> = e
                        .violations
                        .iter()
                        .map(|v| v.field.as_str())
                        .collect();
                    assert_eq!(named, ["elid"]);
                }
                other => panic!("expected the missing parameters refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
    }
    mod delete_backup_schedule {
        use super::*;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = builder(&target)
                .session(crate::CREDENTIAL)
                .build()
                .expect("the client builds");
            match client.delete_backup_schedule().send().await {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    let named: Vec<&str> = e
                        .violations
                        .iter()
                        .map(|v| v.field.as_str())
                        .collect();
                    assert_eq!(named, ["elid"]);
                }
                other => panic!("expected the missing parameters refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
    }
}
