// Generated from specs/gaussdb_mysql.yaml, specs/oms.yaml, specs/otc_dcs.yaml, specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Call builders: an operation called without its required parameters is refused
//! before anything is sent, with an error naming each missing one by its setter.
/// Sent instead of a real credential.
const CREDENTIAL: &str = "protocol-test-credential";
mod gaussdb_mysql {
    mod create_manual_backup {
        use generated::gaussdb_mysql as api;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
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
    }
}
mod oms {
    mod apply_block_timer {
        use generated::oms as api;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
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
    }
    mod apply_table_backup {
        use generated::oms as api;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
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
    }
    mod reject_application {
        use generated::oms as api;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
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
    mod list_backup_records {
        use generated::otc_dcs as api;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
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
    }
}
mod zomro {
    mod create_backup_schedule {
        use generated::zomro as api;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
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
    }
    mod list_backup_schedules {
        use generated::zomro as api;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
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
        use generated::zomro as api;
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(
                    protocol_test::CannedResponse::new(500),
                )
                .await
                .expect("the test target starts");
            let client = api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
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
