// Generated from specs/otc_dcs.yaml by `cargo xtask codegen`; do not edit.
//! Protocol tests of `otc_dcs`: one module per operation, one test per documented example.
use generated::otc_dcs as api;
/// A client builder aimed at the test's target: its own capture server, or the running
/// mock (whose client sends the `Prefer` header naming the example).
fn builder(target: &protocol_test::Target) -> api::ClientBuilder {
    api::Client::builder().base_url(target.url()).http_client(target.http_client())
}
mod list_backup_records {
    use super::*;
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
        let client = builder(&target)
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
            .unwrap_or_else(|e| panic!("expected the documented payload, got {e:?}"));
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
        use super::*;
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
            let client = builder(&target)
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
