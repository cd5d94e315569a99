// Generated from specs/gaussdb_mysql.yaml by `cargo xtask codegen`; do not edit.
//! Protocol tests of `gaussdb_mysql`: one module per operation, one test per documented example.
use generated::gaussdb_mysql as api;
/// A client builder aimed at the test's target: its own capture server, or the running
/// mock (whose client sends the `Prefer` header naming the example).
fn builder(target: &protocol_test::Target) -> api::ClientBuilder {
    api::Client::builder().base_url(target.url()).http_client(target.http_client())
}
mod create_manual_backup {
    use super::*;
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
        let client = builder(&target)
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
            .unwrap_or_else(|e| panic!("expected the documented payload, got {e:?}"));
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
        use super::*;
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
            let client = builder(&target)
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
