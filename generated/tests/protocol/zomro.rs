// Generated from specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Protocol tests of `zomro`: one module per operation, one test per documented example.
use generated::zomro as api;
/// A client builder aimed at the test's target: its own capture server, or the running
/// mock (whose client sends the `Prefer` header naming the example).
fn builder(target: &protocol_test::Target) -> api::ClientBuilder {
    api::Client::builder().base_url(target.url()).http_client(target.http_client())
}
mod create_backup_schedule {
    use super::*;
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
        let client = builder(&target)
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
        let client = builder(&target)
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
        let client = builder(&target)
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
            .unwrap_or_else(|e| panic!("expected the documented payload, got {e:?}"));
        assert_eq!(response.status(), 200);
        let () = response.into_inner();
    }
}
mod list_backup_schedules {
    use super::*;
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
        let client = builder(&target)
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
            .unwrap_or_else(|e| panic!("expected the documented payload, got {e:?}"));
        assert_eq!(response.status(), 200);
        let expected = Vec::from([
            api::BackupSchedule::new(14, 5203773, String::from("MySchedule"))
                .rotation_days(
                    String::from("Monday Tuesday Wednesday Thursday Friday Saturday "),
                )
                .rotation_time(String::from("02:01"))
                .create_date(String::from("2024-07-24"))
                .servername(String::from("MyServer")),
        ]);
        assert_eq!(response.into_inner(), expected);
    }
}
mod delete_backup_schedule {
    use super::*;
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
        let client = builder(&target)
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
            .unwrap_or_else(|e| panic!("expected the documented payload, got {e:?}"));
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
        let client = builder(&target)
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
