//! The JET device simulator (`jet_sim`) on the wire, driven by the
//! generated tonic clients only: login, authentication, served generations,
//! the firewall, interface and management services of both IDL generations,
//! the request recorder, restart and TLS.

use jet_testkit as support;

mod sim {
    use super::support::TestCerts;
    use jet::proto::jnx::authentication as jauth;
    use jet::proto::jnx::common::{self, ip_address, IpAddress, RpcStatus};
    use jet::proto::jnx::firewall as fw;
    use jet::proto::jnx::interfaces as jifs;
    use jet::proto::jnx::management as jmgmt;
    use jet::proto::legacy::acl;
    use jet::proto::legacy::authentication as lauth;
    use jet::proto::legacy::interface as dcd;
    use jet::proto::legacy::management as mgd;
    use jet_sim::{
        methods, Apis, BindPoint, Change, CounterKind, Direction, FilterFamily, GrpcServer,
        OpCommand, OutputFormat, RunningServer, DEFAULT_PASSWORD, DEFAULT_USER, TICK_BYTES,
        TICK_PACKETS,
    };
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};
    use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};
    use tonic::{Code, Status};

    // ---- clients -------------------------------------------------------

    async fn channel(server: &RunningServer) -> Channel {
        Endpoint::from_shared(server.uri())
            .expect("valid uri")
            .connect_timeout(Duration::from_secs(5))
            .connect()
            .await
            .expect("connect to the simulator")
    }

    async fn legacy_login(
        ch: &Channel,
        user: &str,
        password: &str,
        id: &str,
    ) -> Result<bool, Status> {
        lauth::login_client::LoginClient::new(ch.clone())
            .login_check(lauth::LoginRequest {
                user_name: user.into(),
                password: password.into(),
                client_id: id.into(),
                group_id: String::new(),
            })
            .await
            .map(|r| r.into_inner().result)
    }

    async fn jnx_login(
        ch: &Channel,
        user: &str,
        password: &str,
        id: &str,
    ) -> Result<RpcStatus, Status> {
        jauth::authentication_client::AuthenticationClient::new(ch.clone())
            .login(jauth::LoginRequest {
                username: user.into(),
                password: password.into(),
                client_id: id.into(),
                group_id: String::new(),
            })
            .await
            .map(|r| r.into_inner().status.expect("status"))
    }

    /// The refusals of a legacy and a jnx login on `ch` as client `id`.
    async fn refused_logins(ch: &Channel, id: &str) -> [Status; 2] {
        [
            legacy_login(ch, DEFAULT_USER, DEFAULT_PASSWORD, id)
                .await
                .unwrap_err(),
            jnx_login(ch, DEFAULT_USER, DEFAULT_PASSWORD, id)
                .await
                .unwrap_err(),
        ]
    }

    async fn logged_in(server: &RunningServer, id: &str) -> Channel {
        let ch = channel(server).await;
        assert!(legacy_login(&ch, DEFAULT_USER, DEFAULT_PASSWORD, id)
            .await
            .unwrap());
        ch
    }

    fn acl_client(ch: &Channel) -> acl::acl_service_client::AclServiceClient<Channel> {
        acl::acl_service_client::AclServiceClient::new(ch.clone())
    }

    fn fw_client(ch: &Channel) -> fw::firewall_client::FirewallClient<Channel> {
        fw::firewall_client::FirewallClient::new(ch.clone())
    }

    /// Waits (the test's runtime keeps running) until `done` holds.
    async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while !done() {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    // ---- legacy wire messages ---------------------------------------------

    const INET: i32 = acl::AccessListFamilies::AclFamilyInet as i32;
    const EOK: i32 = acl::AccessListReturnVal::AclStatusEok as i32;
    const EINVALID: i32 = acl::AccessListReturnVal::AclStatusEinvalidMessage as i32;

    /// An inet ACL: one term per counter, matching ICMP, counting, discarding.
    fn access_list(name: &str, counters: &[&str]) -> acl::AccessList {
        use acl::acl_entry_inet_terminating_action::OneofAclEntryInetTerminatingAction as T;
        acl::AccessList {
            acl_name: name.into(),
            acl_type: acl::AccessListTypes::AclTypeClassic as i32,
            acl_family: INET,
            acl_flag: acl::AccessListFlags::AclFlagsNone as i32,
            ace_list: counters
                .iter()
                .enumerate()
                .map(|(i, counter)| acl::AclEntry {
                    one_of_acl_entry: Some(acl::acl_entry::OneOfAclEntry::InetEntry(
                        acl::AclInetEntry {
                            ace_name: format!("t{i}"),
                            ace_op: acl::AclEntryOperation::Add as i32,
                            adjacency: Some(acl::AclAdjacency {
                                r#type: acl::AclAdjacencyType::AclAdjacencyAfter as i32,
                                ace_name: String::new(),
                            }),
                            matches: Some(acl::AclEntryMatchInet {
                                match_protocols: vec![acl::AclMatchProtocol {
                                    min: 1,
                                    max: 1,
                                    match_op: acl::AclMatchOperation::AclMatchOpEqual as i32,
                                }],
                                ..Default::default()
                            }),
                            actions: Some(acl::AclEntryInetAction {
                                actions_nt: Some(acl::AclEntryInetNonTerminatingAction {
                                    action_count: Some(acl::AclActionCounter {
                                        counter_name: (*counter).into(),
                                    }),
                                    ..Default::default()
                                }),
                                action_t: Some(acl::AclEntryInetTerminatingAction {
                                    oneof_acl_entry_inet_terminating_action: Some(
                                        T::ActionDiscard(acl::AclBooleanType::AclTrue as i32),
                                    ),
                                }),
                            }),
                        },
                    )),
                })
                .collect(),
        }
    }

    fn acl_ref(name: &str) -> acl::AccessList {
        acl::AccessList {
            acl_name: name.into(),
            acl_family: INET,
            ..Default::default()
        }
    }

    fn acl_bind(name: &str, ifl: &str) -> acl::AccessListObjBind {
        acl::AccessListObjBind {
            acl: Some(acl_ref(name)),
            obj_type: acl::AccessListBindObjType::AclBindObjTypeInterface as i32,
            bind_object: Some(acl::AccessListBindObjPoint {
                one_of_acl_bind_point: Some(
                    acl::access_list_bind_obj_point::OneOfAclBindPoint::Intf(ifl.into()),
                ),
            }),
            bind_direction: acl::AclBindDirection::Input as i32,
            bind_family: INET,
        }
    }

    fn acl_counter(name: &str, counter: &str) -> acl::AccessListCounter {
        acl::AccessListCounter {
            acl: Some(acl_ref(name)),
            counter_name: counter.into(),
        }
    }

    // ---- jnx wire messages ---------------------------------------------------

    const FAMILY_INET: i32 = fw::FilterFamilies::FamilyInet as i32;
    const SUCCESS: i32 = common::StatusCode::Success as i32;
    const FAILURE: i32 = common::StatusCode::Failure as i32;
    const SUB_EOK: i32 = fw::filter_add_response::StatusCode::Eok as i32;
    const SUB_EINVALID: i32 = fw::filter_add_response::StatusCode::EinvalidMessage as i32;

    fn inet_term(name: &str, counter: &str, policer: Option<fw::Policer>) -> fw::FilterTerm {
        use fw::filter_term_inet_terminating_action::TerminatingAction as T;
        fw::FilterTerm {
            filter_term: Some(fw::filter_term::FilterTerm::InetTerm(fw::FilterInetTerm {
                term_name: name.into(),
                term_op: fw::FilterTermOperation::TermOperationAdd as i32,
                adjacency: None,
                matches: Some(fw::FilterTermMatchInet {
                    protocols: vec![fw::MatchProtocol {
                        min: 1,
                        max: 1,
                        operation: fw::MatchOperation::OpEqual as i32,
                    }],
                    ..Default::default()
                }),
                actions: Some(fw::FilterTermInetAction {
                    actions_nt: Some(fw::FilterTermInetNonTerminatingAction {
                        count: Some(fw::ActionCounter {
                            counter_name: counter.into(),
                        }),
                        policer: policer.map(|p| fw::ActionPolicer { policer: Some(p) }),
                        ..Default::default()
                    }),
                    action_t: Some(fw::FilterTermInetTerminatingAction {
                        terminating_action: Some(T::Accept(true)),
                    }),
                }),
            })),
        }
    }

    fn filter_add(name: &str, terms: Vec<fw::FilterTerm>) -> fw::FilterAddRequest {
        fw::FilterAddRequest {
            name: name.into(),
            r#type: fw::FilterTypes::TypeClassic as i32,
            family: FAMILY_INET,
            flag: fw::FilterFlags::FlagsNone as i32,
            terms_list: terms,
        }
    }

    fn filter_bind(name: &str, ifl: &str) -> fw::FilterObjBindAddRequest {
        fw::FilterObjBindAddRequest {
            filter: Some(fw::Filter {
                name: name.into(),
                family: FAMILY_INET,
            }),
            obj_type: fw::FilterBindObjType::BindObjTypeInterface as i32,
            bind_object: Some(fw::FilterBindObjPoint {
                bind_point: Some(fw::filter_bind_obj_point::BindPoint::InterfaceName(
                    ifl.into(),
                )),
            }),
            bind_direction: fw::FilterBindDirection::BindDirectionInput as i32,
            bind_family: FAMILY_INET,
        }
    }

    fn filter_unbind(name: &str, ifl: &str) -> fw::FilterObjBindDeleteRequest {
        let b = filter_bind(name, ifl);
        fw::FilterObjBindDeleteRequest {
            filter: b.filter,
            obj_type: b.obj_type,
            bind_object: b.bind_object,
            bind_direction: b.bind_direction,
            bind_family: b.bind_family,
        }
    }

    fn counter_get(filter: &str, counter: &str) -> fw::FilterCounterGetRequest {
        fw::FilterCounterGetRequest {
            filter_name: filter.into(),
            counter_name: counter.into(),
        }
    }

    fn code_of(status: &Option<RpcStatus>) -> i32 {
        status.as_ref().expect("status").code
    }

    // ---- login and authentication -----------------------------------------

    #[tokio::test]
    async fn legacy_login_checks_the_password() {
        let server = GrpcServer::new().user("lab", "secret").serve().unwrap();
        let ch = channel(&server).await;
        assert!(!legacy_login(&ch, "lab", "wrong", "c1").await.unwrap());
        assert!(!legacy_login(&ch, "nobody", "secret", "c1").await.unwrap());
        assert!(server.state().logins().is_empty());
        assert!(legacy_login(&ch, "lab", "secret", "c1").await.unwrap());
        let logins = server.state().logins();
        assert_eq!(logins.len(), 1);
        assert_eq!(logins[0].1.user, "lab");
        assert_eq!(logins[0].1.client_id, "c1");

        let sent: Vec<lauth::LoginRequest> = server.recorder().all(methods::legacy::LOGIN_CHECK);
        assert_eq!(sent.len(), 3);
        assert_eq!(sent[1].user_name, "nobody");
        assert_eq!(sent[2].password, "secret");
        assert_eq!(sent[2].client_id, "c1");
    }

    #[tokio::test]
    async fn jnx_login_checks_the_password() {
        let server = GrpcServer::new().serve().unwrap();
        let ch = channel(&server).await;
        let status = jnx_login(&ch, DEFAULT_USER, "wrong", "c1").await.unwrap();
        assert_eq!(status.code, FAILURE);
        assert_eq!(status.message, "Authentication failed");
        let status = jnx_login(&ch, DEFAULT_USER, DEFAULT_PASSWORD, "c1")
            .await
            .unwrap();
        assert_eq!(status.code, SUCCESS);
        let sent: jauth::LoginRequest = server.recorder().last(methods::jnx::LOGIN).unwrap();
        assert_eq!(sent.username, DEFAULT_USER);
        assert_eq!(sent.client_id, "c1");
    }

    #[tokio::test]
    async fn duplicate_client_id_is_invalid_argument_until_the_holder_disconnects() {
        let server = GrpcServer::new().apis(Apis::Both).serve().unwrap();
        let first = logged_in(&server, "app-1").await;
        let second = channel(&server).await;
        for status in refused_logins(&second, "app-1").await {
            assert_eq!(status.code(), Code::InvalidArgument);
            assert_eq!(
                status.message(),
                "JGrpcServer: Client Id app-1 already exists"
            );
        }
        // The same connection may log in again with its own id.
        assert!(
            legacy_login(&first, DEFAULT_USER, DEFAULT_PASSWORD, "app-1")
                .await
                .unwrap()
        );

        drop(first);
        let state = Arc::clone(server.state());
        eventually("the first connection to close", || {
            state.logins().is_empty()
        })
        .await;
        assert!(
            legacy_login(&second, DEFAULT_USER, DEFAULT_PASSWORD, "app-1")
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn a_refused_connection_is_answered_unavailable_and_frees_its_client_id() {
        let server = GrpcServer::new().apis(Apis::Both).serve().unwrap();
        let first = logged_in(&server, "app-1").await;
        server.state().apply(Change::ConnectionsRefused).unwrap();
        // The first connection stays open, and each call on it is refused.
        for status in refused_logins(&first, "app-1").await {
            assert_eq!(status.code(), Code::Unavailable, "{status:?}");
        }
        assert_eq!(server.state().connection_count(), 1);
        assert!(server.state().logins().is_empty());
        // A new connection is served, and may take the client id at once.
        let second = channel(&server).await;
        assert!(
            legacy_login(&second, DEFAULT_USER, DEFAULT_PASSWORD, "app-1")
                .await
                .unwrap()
        );
        assert_eq!(server.state().logins().len(), 1);
        drop(first);
    }

    #[tokio::test]
    async fn calls_before_login_are_unauthenticated() {
        let server = GrpcServer::new().apis(Apis::Both).serve().unwrap();
        let ch = channel(&server).await;
        let status = acl_client(&ch)
            .access_list_add(access_list("f", &["c"]))
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unauthenticated);
        let status = fw_client(&ch)
            .filter_add(filter_add("f", vec![inet_term("t", "c", None)]))
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unauthenticated);
        // A failed login does not authenticate the connection either.
        assert!(!legacy_login(&ch, DEFAULT_USER, "wrong", "x").await.unwrap());
        let status = fw_client(&ch)
            .filters_purge_timer_get(fw::FiltersPurgeTimerGetRequest {})
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unauthenticated);
        assert!(server.state().filter("f").is_none());
        // Refused calls are recorded too.
        assert_eq!(
            server.recorder().methods(),
            [
                methods::legacy::ACCESS_LIST_ADD,
                methods::jnx::FILTER_ADD,
                methods::legacy::LOGIN_CHECK,
                methods::jnx::FILTERS_PURGE_TIMER_GET,
            ]
        );
        // A login on another connection does not help this one.
        let _other = logged_in(&server, "other").await;
        let status = acl_client(&ch)
            .access_list_pileup_start(acl::AccessListVoid::default())
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unauthenticated);
    }

    #[tokio::test]
    async fn skip_authentication_serves_calls_without_login() {
        let server = GrpcServer::new().skip_authentication(true).serve().unwrap();
        let ch = channel(&server).await;
        let reply = fw_client(&ch)
            .filters_purge_timer_get(fw::FiltersPurgeTimerGetRequest {})
            .await
            .unwrap()
            .into_inner();
        assert_eq!(reply.time, 120);
    }

    // ---- served generations ---------------------------------------------------

    #[tokio::test]
    async fn each_generation_answers_unimplemented_for_the_other() {
        let legacy = GrpcServer::new().apis(Apis::Legacy).serve().unwrap();
        let ch = logged_in(&legacy, "a").await;
        let status = fw_client(&ch)
            .filter_add(filter_add("f", vec![]))
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unimplemented);
        let status = jnx_login(&ch, DEFAULT_USER, DEFAULT_PASSWORD, "b")
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unimplemented);
        let reply = acl_client(&ch)
            .access_list_pileup_start(acl::AccessListVoid::default())
            .await
            .unwrap()
            .into_inner();
        assert_eq!(reply.status, EOK);

        // A modern device: jnx services plus legacy LoginCheck.
        let jnx = GrpcServer::new().apis(Apis::Jnx).serve().unwrap();
        let ch = logged_in(&jnx, "a").await;
        let status = acl_client(&ch)
            .access_list_add(access_list("f", &["c"]))
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unimplemented);
        let status = mgd::management_rpc_api_client::ManagementRpcApiClient::new(ch.clone())
            .execute_cfg_command(mgd::ExecuteCfgCommandRequest::default())
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unimplemented);
        let reply = fw_client(&ch)
            .filter_add(filter_add("f", vec![inet_term("t", "c", None)]))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(reply.sub_code, SUB_EOK);

        // jnx only: no legacy LoginCheck; jnx Login works.
        let jnx_only = GrpcServer::new().apis(Apis::JnxOnly).serve().unwrap();
        let ch = channel(&jnx_only).await;
        let status = legacy_login(&ch, DEFAULT_USER, DEFAULT_PASSWORD, "a")
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unimplemented);
        let status = jnx_login(&ch, DEFAULT_USER, DEFAULT_PASSWORD, "a")
            .await
            .unwrap();
        assert_eq!(status.code, SUCCESS);
    }

    // ---- firewall, legacy -------------------------------------------------------

    #[tokio::test]
    async fn legacy_filter_flow() {
        let server = GrpcServer::new().apis(Apis::Legacy).serve().unwrap();
        let ch = logged_in(&server, "acl-client").await;
        let mut client = acl_client(&ch);
        server.recorder().clear();

        let filter = access_list("block-icmp", &["icmp-count"]);
        let r = client
            .access_list_add(filter.clone())
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EOK);
        let sent: acl::AccessList = server
            .recorder()
            .last(methods::legacy::ACCESS_LIST_ADD)
            .unwrap();
        assert_eq!(sent, filter);
        let stored = server.state().filter("block-icmp").unwrap();
        assert_eq!(stored.family, FilterFamily::Inet);
        assert_eq!(stored.terms[0].name, "t0");
        assert_eq!(stored.owner.as_deref(), Some("acl-client"));

        // A second add of the same name is refused.
        let r = client
            .access_list_add(filter.clone())
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EINVALID);

        // Bind to an unknown interface, then to ge-0/0/0.0.
        let r = client
            .access_list_bind_add(acl_bind("block-icmp", "xe-9/9/9.0"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EINVALID);
        let bind = acl_bind("block-icmp", "ge-0/0/0.0");
        let r = client
            .access_list_bind_add(bind.clone())
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EOK);
        let binds = server.state().binds();
        assert_eq!(binds.len(), 1);
        assert_eq!(binds[0].point, BindPoint::Interface("ge-0/0/0.0".into()));
        assert_eq!(binds[0].direction, Direction::Input);
        let sent: acl::AccessListObjBind = server
            .recorder()
            .last(methods::legacy::ACCESS_LIST_BIND_ADD)
            .unwrap();
        assert_eq!(sent, bind);

        // A bound filter cannot be deleted.
        let r = client
            .access_list_delete(acl_ref("block-icmp"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EINVALID);
        assert!(server.state().filter("block-icmp").is_some());

        // Counters: zero, then real numbers after traffic.
        let v = client
            .access_list_counter_get(acl_counter("block-icmp", "icmp-count"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            (v.status, v.counter_name.as_str(), v.packets, v.bytes),
            (EOK, "icmp-count", 0, 0)
        );
        server.state().tick();
        server.state().tick();
        let v = client
            .access_list_counter_get(acl_counter("block-icmp", "icmp-count"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!((v.packets, v.bytes), (2 * TICK_PACKETS, 2 * TICK_BYTES));
        let v = client
            .access_list_counter_get(acl_counter("block-icmp", "nope"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(v.status, EINVALID);
        let v = client
            .access_list_counter_get(acl_counter("no-such-filter", "icmp-count"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(v.status, EINVALID);

        // Clear.
        let r = client
            .access_list_counter_clear(acl_counter("block-icmp", "icmp-count"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EOK);
        let c = server
            .state()
            .counter("block-icmp", "icmp-count", CounterKind::Filter)
            .unwrap();
        assert_eq!((c.packets, c.bytes), (0, 0));

        // Unbind, unbind again (not bound), delete, delete again (unknown).
        let r = client
            .access_list_bind_delete(bind.clone())
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EOK);
        let r = client
            .access_list_bind_delete(bind.clone())
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EINVALID);
        let r = client
            .access_list_delete(acl_ref("block-icmp"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EOK);
        let r = client
            .access_list_delete(acl_ref("block-icmp"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EINVALID);
        assert!(server.state().filter("block-icmp").is_none());

        assert_eq!(
            server.recorder().methods(),
            [
                methods::legacy::ACCESS_LIST_ADD,
                methods::legacy::ACCESS_LIST_ADD,
                methods::legacy::ACCESS_LIST_BIND_ADD,
                methods::legacy::ACCESS_LIST_BIND_ADD,
                methods::legacy::ACCESS_LIST_DELETE,
                methods::legacy::ACCESS_LIST_COUNTER_GET,
                methods::legacy::ACCESS_LIST_COUNTER_GET,
                methods::legacy::ACCESS_LIST_COUNTER_GET,
                methods::legacy::ACCESS_LIST_COUNTER_GET,
                methods::legacy::ACCESS_LIST_COUNTER_CLEAR,
                methods::legacy::ACCESS_LIST_BIND_DELETE,
                methods::legacy::ACCESS_LIST_BIND_DELETE,
                methods::legacy::ACCESS_LIST_DELETE,
                methods::legacy::ACCESS_LIST_DELETE,
            ]
        );
    }

    #[tokio::test]
    async fn legacy_change_edits_terms_in_place() {
        let server = GrpcServer::new().apis(Apis::Legacy).serve().unwrap();
        let ch = logged_in(&server, "c").await;
        let mut client = acl_client(&ch);
        let r = client
            .access_list_add(access_list("f", &["a", "b"]))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EOK);
        // Insert a term "t9" before "t1", counting "c9".
        let mut change = access_list("f", &["c9"]);
        if let Some(acl::acl_entry::OneOfAclEntry::InetEntry(e)) =
            &mut change.ace_list[0].one_of_acl_entry
        {
            e.ace_name = "t9".into();
            e.adjacency = Some(acl::AclAdjacency {
                r#type: acl::AclAdjacencyType::AclAdjacencyBefore as i32,
                ace_name: "t1".into(),
            });
        }
        let r = client
            .access_list_change(change)
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, EOK);
        let f = server.state().filter("f").unwrap();
        let names: Vec<&str> = f.terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["t0", "t9", "t1"]);
        let counters: Vec<&str> = f.counters.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(counters, ["a", "c9", "b"]);
    }

    #[tokio::test]
    async fn legacy_bulk_counter_reads_stream_ten_per_call() {
        let server = GrpcServer::new().apis(Apis::Legacy).serve().unwrap();
        let ch = logged_in(&server, "bulk").await;
        let mut client = acl_client(&ch);
        let names: Vec<String> = (0..12).map(|i| format!("c{i:02}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(
            client
                .access_list_add(access_list("many", &refs))
                .await
                .unwrap()
                .into_inner()
                .status,
            EOK
        );
        assert_eq!(
            client
                .access_list_bind_add(acl_bind("many", "ge-0/0/1.0"))
                .await
                .unwrap()
                .into_inner()
                .status,
            EOK
        );
        server.state().tick();

        let mut seen = Vec::new();
        let mut start = 0;
        loop {
            let mut stream = client
                .access_list_counter_bulk_get(acl::AccessListCounterBulk {
                    acl: Some(acl_ref("many")),
                    starting_index: start,
                })
                .await
                .unwrap()
                .into_inner();
            let mut batch = Vec::new();
            while let Some(v) = stream.message().await.unwrap() {
                assert_eq!(v.status, EOK);
                assert_eq!(v.packets, TICK_PACKETS);
                batch.push(v.counter_name);
            }
            let got = batch.len();
            seen.extend(batch);
            start += got as u32;
            if got < 10 {
                break;
            }
        }
        assert_eq!(seen, names);
        assert_eq!(
            server
                .recorder()
                .count(methods::legacy::ACCESS_LIST_COUNTER_BULK_GET),
            2
        );

        // An unknown filter: one message with the refusal.
        let mut stream = client
            .access_list_counter_bulk_get(acl::AccessListCounterBulk {
                acl: Some(acl_ref("nope")),
                starting_index: 0,
            })
            .await
            .unwrap()
            .into_inner();
        let v = stream.message().await.unwrap().unwrap();
        assert_eq!(v.status, EINVALID);
        assert!(stream.message().await.unwrap().is_none());
    }

    // ---- firewall, jnx ------------------------------------------------------------

    #[tokio::test]
    async fn jnx_filter_flow() {
        let server = GrpcServer::new().apis(Apis::Jnx).serve().unwrap();
        let ch = channel(&server).await;
        assert_eq!(
            jnx_login(&ch, DEFAULT_USER, DEFAULT_PASSWORD, "fw")
                .await
                .unwrap()
                .code,
            SUCCESS
        );
        let mut client = fw_client(&ch);

        let policer = fw::Policer {
            name: "p1".into(),
            r#type: fw::PolicerType::TwoColorPolicer as i32,
            flag: fw::PolicerFlag::TermSpecific as i32,
            params: None,
        };
        let add = filter_add(
            "jf",
            vec![
                inet_term("t1", "c1", None),
                inet_term("t2", "c2", Some(policer)),
            ],
        );
        let r = client.filter_add(add.clone()).await.unwrap().into_inner();
        assert_eq!((code_of(&r.status), r.sub_code), (SUCCESS, SUB_EOK));
        let sent: fw::FilterAddRequest = server.recorder().last(methods::jnx::FILTER_ADD).unwrap();
        assert_eq!(sent, add);
        let stored = server.state().filter("jf").unwrap();
        assert_eq!(stored.owner.as_deref(), Some("fw"));
        assert_eq!(stored.policer_counters[0].name, "p1-t2");

        let r = client.filter_add(add.clone()).await.unwrap().into_inner();
        assert_eq!((code_of(&r.status), r.sub_code), (FAILURE, SUB_EINVALID));
        assert_eq!(r.status.unwrap().message, "filter jf already exists");

        let bind = filter_bind("jf", "ge-0/0/2.0");
        let r = client
            .filter_bind_add(bind.clone())
            .await
            .unwrap()
            .into_inner();
        assert_eq!((code_of(&r.status), r.sub_code), (SUCCESS, SUB_EOK));
        let sent: fw::FilterObjBindAddRequest = server
            .recorder()
            .last(methods::jnx::FILTER_BIND_ADD)
            .unwrap();
        assert_eq!(sent, bind);

        let r = client
            .filter_delete(fw::FilterDeleteRequest {
                name: "jf".into(),
                family: FAMILY_INET,
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!((code_of(&r.status), r.sub_code), (FAILURE, SUB_EINVALID));
        assert!(r.status.unwrap().message.contains("unbind"));

        let r = client
            .filter_counter_get(counter_get("jf", "c1"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!((r.counter_name.as_str(), r.packets, r.bytes), ("c1", 0, 0));
        server.state().tick();
        let r = client
            .filter_counter_get(counter_get("jf", "c1"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            (code_of(&r.status), r.packets, r.bytes),
            (SUCCESS, TICK_PACKETS, TICK_BYTES)
        );
        let r = client
            .policer_counter_get(fw::PolicerCounterGetRequest {
                filter_name: "jf".into(),
                counter_name: "p1-t2".into(),
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!((code_of(&r.status), r.packets), (SUCCESS, TICK_PACKETS / 4));
        let r = client
            .filter_counter_get(counter_get("jf", "nope"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!((code_of(&r.status), r.sub_code), (FAILURE, SUB_EINVALID));
        assert_eq!(
            r.status.unwrap().message,
            "counter nope not found in filter jf"
        );

        let r = client
            .filter_counter_set(fw::FilterCounterSetRequest {
                filter_name: "jf".into(),
                counter_name: "c1".into(),
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.sub_code, SUB_EOK);
        let r = client
            .filter_counter_get(counter_get("jf", "c1"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.packets, 0);

        let r = client
            .filter_bind_delete(filter_unbind("jf", "ge-0/0/2.0"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.sub_code, SUB_EOK);
        let r = client
            .filter_bind_delete(filter_unbind("jf", "ge-0/0/2.0"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!((code_of(&r.status), r.sub_code), (FAILURE, SUB_EINVALID));
        let r = client
            .filter_delete(fw::FilterDeleteRequest {
                name: "jf".into(),
                family: FAMILY_INET,
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!((code_of(&r.status), r.sub_code), (SUCCESS, SUB_EOK));
        let r = client
            .filter_bind_add(filter_bind("jf", "ge-0/0/2.0"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status.unwrap().message, "filter jf not found");
    }

    #[tokio::test]
    async fn jnx_purge_timer_and_policers() {
        let server = GrpcServer::new().serve().unwrap();
        let ch = logged_in(&server, "pt").await;
        let mut client = fw_client(&ch);
        let get = |r: fw::FiltersPurgeTimerGetResponse| r.time;
        assert_eq!(
            get(client
                .filters_purge_timer_get(fw::FiltersPurgeTimerGetRequest {})
                .await
                .unwrap()
                .into_inner()),
            120
        );
        for (time, ok) in [
            (0, false),
            (1001, false),
            (1, true),
            (1000, true),
            (300, true),
        ] {
            let r = client
                .filters_purge_timer_add(fw::FiltersPurgeTimerAddRequest { time })
                .await
                .unwrap()
                .into_inner();
            assert_eq!(r.sub_code == SUB_EOK, ok, "purge timer {time}");
        }
        assert_eq!(server.state().purge_timer(), 300);
        client
            .filters_purge_timer_delete(fw::FiltersPurgeTimerDeleteRequest {})
            .await
            .unwrap();
        assert_eq!(server.state().purge_timer(), 120);

        let policer = fw::PolicerAddRequest {
            name: "p".into(),
            r#type: fw::PolicerType::TwoColorPolicer as i32,
            flag: fw::PolicerFlag::FilterSpecific as i32,
            params: None,
        };
        assert_eq!(
            client
                .policer_add(policer.clone())
                .await
                .unwrap()
                .into_inner()
                .sub_code,
            SUB_EOK
        );
        assert_eq!(
            client
                .policer_add(policer)
                .await
                .unwrap()
                .into_inner()
                .sub_code,
            SUB_EINVALID
        );
        let with_policer = filter_add(
            "uses-p",
            vec![inet_term(
                "t",
                "c",
                Some(fw::Policer {
                    name: "p".into(),
                    ..Default::default()
                }),
            )],
        );
        assert_eq!(
            client
                .filter_add(with_policer)
                .await
                .unwrap()
                .into_inner()
                .sub_code,
            SUB_EOK
        );
        // The registered policer's scope (filter-specific) names the counter.
        assert_eq!(
            server.state().filter("uses-p").unwrap().policer_counters[0].name,
            "p"
        );
        let delete = fw::PolicerDeleteRequest {
            name: "p".into(),
            ..Default::default()
        };
        let r = client
            .policer_delete(delete.clone())
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            r.status.unwrap().message,
            "policer p is used by filter uses-p"
        );
        client
            .filter_delete(fw::FilterDeleteRequest {
                name: "uses-p".into(),
                family: FAMILY_INET,
            })
            .await
            .unwrap();
        assert_eq!(
            client
                .policer_delete(delete)
                .await
                .unwrap()
                .into_inner()
                .sub_code,
            SUB_EOK
        );
    }

    // ---- interfaces -------------------------------------------------------------

    #[tokio::test]
    async fn legacy_interface_addresses() {
        let server = GrpcServer::new().apis(Apis::Legacy).serve().unwrap();
        let ch = logged_in(&server, "ifa").await;
        let mut client = dcd::interfaces_service_client::InterfacesServiceClient::new(ch.clone());
        let config =
            |port: &str, family: dcd::FamilyType, addr: &str| dcd::InterfaceAddressConfig {
                port_name: port.into(),
                ifl_unit: Some(dcd::Value32 { unit: 0 }),
                family: family as i32,
                interface_address: Some(dcd::IpAddress {
                    addr_format: Some(dcd::ip_address::AddrFormat::AddrString(addr.into())),
                }),
                request_id: 7,
                client_ctx: 3,
                ..Default::default()
            };
        let r = client
            .interface_address_create(config(
                "ge-0/0/1",
                dcd::FamilyType::IntfAfInet,
                "10.1.1.1/24",
            ))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, dcd::RetStatus::Success as i32);
        assert_eq!((r.request_id, r.client_ctx), (7, 3));
        let addresses = server.state().addresses();
        assert_eq!(addresses.len(), 1);
        assert_eq!(addresses[0].ifl(), "ge-0/0/1.0");
        assert_eq!(addresses[0].prefix, "10.1.1.1/24");

        let r = client
            .interface_address_create(config(
                "xe-7/0/0",
                dcd::FamilyType::IntfAfInet,
                "10.2.2.2/24",
            ))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, dcd::RetStatus::ObjectNotFound as i32);
        assert_eq!(r.error_message, "interface xe-7/0/0 not found");
        let r = client
            .interface_address_create(config(
                "ge-0/0/1",
                dcd::FamilyType::IntfAfInet6,
                "10.3.3.3/24",
            ))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, dcd::RetStatus::NoIffFamily as i32);
        let r = client
            .interface_address_create(config("", dcd::FamilyType::IntfAfInet, "10.3.3.3/24"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, dcd::RetStatus::NoPortName as i32);
        let r = client
            .interface_address_create(config(
                "ge-0/0/1",
                dcd::FamilyType::IntfAfInet6,
                "2001:db8::1/64",
            ))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, dcd::RetStatus::Success as i32);

        let r = client
            .interface_address_delete(config(
                "ge-0/0/1",
                dcd::FamilyType::IntfAfInet,
                "10.1.1.1/24",
            ))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, dcd::RetStatus::Success as i32);
        let r = client
            .interface_address_delete(config(
                "ge-0/0/1",
                dcd::FamilyType::IntfAfInet,
                "10.1.1.1/24",
            ))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.status, dcd::RetStatus::ObjectNotFound as i32);
        assert_eq!(server.state().addresses().len(), 1);

        let sent: Vec<dcd::InterfaceAddressConfig> = server
            .recorder()
            .all(methods::legacy::INTERFACE_ADDRESS_CREATE);
        assert_eq!(sent.len(), 5);
        assert_eq!(sent[0].family, 2);
        assert_eq!(sent[4].family, 28);
        assert_eq!(
            sent[4].interface_address,
            Some(dcd::IpAddress {
                addr_format: Some(dcd::ip_address::AddrFormat::AddrString(
                    "2001:db8::1/64".into()
                )),
            })
        );
    }

    #[tokio::test]
    async fn jnx_interface_addresses() {
        let server = GrpcServer::new().serve().unwrap();
        let ch = logged_in(&server, "ifa").await;
        let mut client = jifs::interfaces_client::InterfacesClient::new(ch.clone());
        let ip = |s: &str| IpAddress {
            addr_format: Some(ip_address::AddrFormat::AddrString(s.into())),
        };
        let add = |port: &str, family: common::AfType, addr: &str| jifs::InterfaceAddRequest {
            r#type: jifs::InterfaceType::TypeInterfaceAddressObject as i32,
            interface_object: Some(jifs::interface_add_request::InterfaceObject::Address(
                jifs::InterfaceAddressConfig {
                    port_name: port.into(),
                    unit: Some(jifs::InterfaceUnit { number: 0 }),
                    family: family as i32,
                    ip_address: Some(ip(addr)),
                    ..Default::default()
                },
            )),
        };
        use jifs::interface_add_response::StatusCode as Add;
        use jifs::interface_delete_response::StatusCode as Del;

        let r = client
            .interface_add(add("ge-0/0/3", common::AfType::AfInet, "192.0.2.1/24"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            (code_of(&r.status), r.sub_code),
            (SUCCESS, Add::SuccessCompleted as i32)
        );
        assert_eq!(server.state().addresses()[0].prefix, "192.0.2.1/24");
        let r = client
            .interface_add(add("ge-0/0/3", common::AfType::AfInet6, "192.0.2.9/24"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.sub_code, Add::InterfaceFamilyMismatch as i32);
        let r = client
            .interface_add(add("ge-5/5/5", common::AfType::AfInet, "192.0.2.9/24"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            (code_of(&r.status), r.sub_code),
            (FAILURE, Add::OperationFailed as i32)
        );
        // Other object types are refused.
        let r = client
            .interface_add(jifs::InterfaceAddRequest {
                r#type: jifs::InterfaceType::TypeInterfaceArpObject as i32,
                interface_object: None,
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            (code_of(&r.status), r.sub_code),
            (FAILURE, Add::OperationFailed as i32)
        );

        let delete = |addr: &str| jifs::InterfaceDeleteRequest {
            r#type: jifs::InterfaceType::TypeInterfaceAddressObject as i32,
            interface_object: Some(jifs::interface_delete_request::InterfaceObject::Address(
                jifs::InterfaceAddressDelete {
                    port_name: "ge-0/0/3".into(),
                    unit: Some(jifs::InterfaceUnit { number: 0 }),
                    family: common::AfType::AfInet as i32,
                    ip_address: Some(ip(addr)),
                },
            )),
        };
        let r = client
            .interface_delete(delete("192.0.2.1/24"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(r.sub_code, Del::SuccessCompleted as i32);
        let r = client
            .interface_delete(delete("192.0.2.1/24"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            (code_of(&r.status), r.sub_code),
            (FAILURE, Del::ObjectNotFound as i32)
        );
        assert!(server.state().addresses().is_empty());
        let sent: jifs::InterfaceDeleteRequest = server
            .recorder()
            .last(methods::jnx::INTERFACE_DELETE)
            .unwrap();
        assert_eq!(sent, delete("192.0.2.1/24"));
    }

    // ---- management ------------------------------------------------------------

    #[tokio::test]
    async fn op_commands_stream_in_chunks() {
        let server = GrpcServer::new().apis(Apis::Both).serve().unwrap();
        let ch = logged_in(&server, "ops").await;

        let mut legacy = mgd::management_rpc_api_client::ManagementRpcApiClient::new(ch.clone());
        let mut stream = legacy
            .execute_op_command(mgd::ExecuteOpCommandRequest {
                request_id: 42,
                out_format: mgd::OperationFormatType::Xml as i32,
                command: Some(mgd::execute_op_command_request::Command::CliCommand(
                    "show version".into(),
                )),
            })
            .await
            .unwrap()
            .into_inner();
        let mut chunks = Vec::new();
        while let Some(m) = stream.message().await.unwrap() {
            assert_eq!(
                (m.request_id, m.status),
                (42, mgd::JunosRpcResponseTypes::Success as i32)
            );
            chunks.push(m.data);
        }
        assert!(chunks.len() >= 2, "{} chunks", chunks.len());
        let text = chunks.concat();
        assert!(text.starts_with("<software-information>"), "{text}");
        assert!(text.contains("<junos-version>"));

        let mut stream = legacy
            .execute_op_command(mgd::ExecuteOpCommandRequest {
                request_id: 43,
                out_format: mgd::OperationFormatType::Cli as i32,
                command: Some(mgd::execute_op_command_request::Command::CliCommand(
                    "show bogus thing".into(),
                )),
            })
            .await
            .unwrap()
            .into_inner();
        let m = stream.message().await.unwrap().unwrap();
        assert_eq!(m.status, mgd::JunosRpcResponseTypes::Nok as i32);
        assert!(m.message.contains("syntax error"), "{}", m.message);
        assert!(stream.message().await.unwrap().is_none());

        let mut jnx = jmgmt::management_client::ManagementClient::new(ch.clone());
        let mut stream = jnx
            .op_command_get(jmgmt::OpCommandGetRequest {
                out_format: jmgmt::OpCommandOutputFormat::OpCommandOutputJson as i32,
                command: Some(jmgmt::op_command_get_request::Command::XmlCommand(
                    "<get-software-information/>".into(),
                )),
            })
            .await
            .unwrap()
            .into_inner();
        let mut chunks = Vec::new();
        while let Some(m) = stream.message().await.unwrap() {
            assert_eq!(code_of(&m.status), SUCCESS);
            chunks.push(m.data);
        }
        assert!(chunks.len() >= 2);
        let json: serde_json::Value = serde_json::from_str(&chunks.concat()).unwrap();
        assert_eq!(
            json["software-information"][0]["host-name"][0]["data"],
            jet_sim::HOST_NAME
        );

        let mut stream = jnx
            .op_command_get(jmgmt::OpCommandGetRequest {
                out_format: jmgmt::OpCommandOutputFormat::OpCommandOutputCli as i32,
                command: Some(jmgmt::op_command_get_request::Command::CliCommand(
                    "request system reboot".into(),
                )),
            })
            .await
            .unwrap()
            .into_inner();
        let m = stream.message().await.unwrap().unwrap();
        assert_eq!(code_of(&m.status), FAILURE);

        let ops = server.state().op_commands();
        assert_eq!(ops.len(), 4);
        assert_eq!(ops[0].command, OpCommand::Cli("show version".into()));
        assert_eq!(ops[0].format, OutputFormat::Xml);
        assert!(ops[0].known && !ops[1].known && ops[2].known && !ops[3].known);
    }

    #[tokio::test]
    async fn configs_are_recorded_or_refused() {
        let server = GrpcServer::new().apis(Apis::Both).serve().unwrap();
        let ch = logged_in(&server, "cfg").await;
        let mut legacy = mgd::management_rpc_api_client::ManagementRpcApiClient::new(ch.clone());
        let cfg = |text: &str| mgd::ExecuteCfgCommandRequest {
            request_id: 5,
            load_type: mgd::ConfigLoadType::Set as i32,
            commit: Some(mgd::ConfigCommit {
                commit_type: 1,
                comment: "by test".into(),
            }),
            config: Some(mgd::execute_cfg_command_request::Config::TextConfig(
                text.into(),
            )),
        };
        let r = legacy
            .execute_cfg_command(cfg("set system host-name r1"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            (r.request_id, r.status),
            (5, mgd::JunosRpcResponseTypes::Success as i32)
        );
        let r = legacy
            .execute_cfg_command(cfg("set invalid statement"))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(
            r.status,
            mgd::JunosRpcResponseTypes::InvalidConfiguration as i32
        );
        assert!(!r.message.is_empty());

        let mut jnx = jmgmt::management_client::ManagementClient::new(ch.clone());
        let r = jnx
            .config_set(jmgmt::ConfigSetRequest {
                load_type: jmgmt::ConfigLoadType::ConfigLoadMerge as i32,
                commit: None,
                config: Some(jmgmt::config_set_request::Config::XmlConfig(
                    "<configuration/>".into(),
                )),
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(code_of(&r.status), SUCCESS);
        let r = jnx
            .config_set(jmgmt::ConfigSetRequest {
                load_type: 0,
                commit: None,
                config: Some(jmgmt::config_set_request::Config::TextConfig(
                    "system { invalid; }".into(),
                )),
            })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(code_of(&r.status), FAILURE);

        let configs = server.state().configs();
        assert_eq!(configs.len(), 2);
        assert_eq!(configs[0].text, "set system host-name r1");
        assert_eq!(configs[0].load_type, jet_sim::LoadType::Set);
        assert_eq!(configs[0].comment.as_deref(), Some("by test"));
        assert_eq!(configs[1].load_type, jet_sim::LoadType::Merge);
    }

    // ---- restart, observer, TLS ------------------------------------------------------

    #[tokio::test]
    async fn restart_on_the_same_port_drops_logins() {
        let mut server = GrpcServer::new().apis(Apis::Both).serve().unwrap();
        let port = server.port();
        let ch = logged_in(&server, "keeper").await;
        let timer = || fw::FiltersPurgeTimerGetRequest {};
        fw_client(&ch)
            .filters_purge_timer_get(timer())
            .await
            .unwrap();
        assert_eq!(server.state().logins().len(), 1);

        server.restart().unwrap();
        assert_eq!(server.port(), port);
        assert!(server.state().logins().is_empty());

        // The old connection is gone: the channel reconnects, and the new
        // connection has not logged in.
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let status = fw_client(&ch)
                .filters_purge_timer_get(timer())
                .await
                .unwrap_err();
            if status.code() == Code::Unauthenticated {
                break;
            }
            assert!(
                matches!(
                    status.code(),
                    Code::Unavailable | Code::Unknown | Code::Cancelled
                ),
                "{status:?}"
            );
            assert!(Instant::now() < deadline, "no reconnect: {status:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        // The client id is free again.
        assert!(legacy_login(&ch, DEFAULT_USER, DEFAULT_PASSWORD, "keeper")
            .await
            .unwrap());
        fw_client(&ch)
            .filters_purge_timer_get(timer())
            .await
            .unwrap();

        // While stopped, nothing answers; resume serves the same port again.
        server.stop();
        assert!(!server.is_running());
        assert!(fw_client(&ch)
            .filters_purge_timer_get(timer())
            .await
            .is_err());
        server.resume().unwrap();
        let fresh = logged_in(&server, "keeper").await;
        fw_client(&fresh)
            .filters_purge_timer_get(timer())
            .await
            .unwrap();
        assert_eq!(server.port(), port);
    }

    #[tokio::test]
    async fn resume_waits_while_its_port_is_held_for_a_moment() {
        let mut server = GrpcServer::new().apis(Apis::Both).serve().unwrap();
        let addr = server.addr();
        server.stop();
        // Another socket takes the freed port (as a client still connecting
        // to it may be given it by the kernel) and lets it go 300 ms later.
        let holder = std::net::TcpListener::bind(addr).unwrap();
        let started = Instant::now();
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(holder);
        });
        server.resume().unwrap();
        assert!(started.elapsed() >= Duration::from_millis(300));
        release.join().unwrap();
        assert_eq!(server.addr(), addr);
        let ch = logged_in(&server, "keeper").await;
        fw_client(&ch)
            .filters_purge_timer_get(fw::FiltersPurgeTimerGetRequest {})
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn shutdown_waits_for_nothing_when_idle_and_frees_the_port() {
        let server = GrpcServer::new().serve().unwrap();
        let addr = server.addr();
        let started = Instant::now();
        server.shutdown();
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(std::net::TcpStream::connect(addr).is_err());
    }

    #[tokio::test]
    async fn observer_sees_every_change_in_order() {
        let server = GrpcServer::new().serve().unwrap();
        let seen: Arc<Mutex<Vec<Change>>> = Arc::default();
        let sink = Arc::clone(&seen);
        server
            .state()
            .set_observer(move |change| sink.lock().unwrap().push(change.clone()));
        let ch = logged_in(&server, "obs").await;
        fw_client(&ch)
            .filter_add(filter_add("o", vec![inet_term("t", "c", None)]))
            .await
            .unwrap();
        // A refused change is not shown.
        fw_client(&ch)
            .filter_add(filter_add("o", vec![inet_term("t", "c", None)]))
            .await
            .unwrap();
        server.state().tick();
        let seen = seen.lock().unwrap().clone();
        let kinds: Vec<&str> = seen
            .iter()
            .map(|c| match c {
                Change::Connected { .. } => "connected",
                Change::LoggedIn { .. } => "login",
                Change::FilterAdd { .. } => "filter-add",
                Change::Traffic { .. } => "traffic",
                _ => "other",
            })
            .collect();
        // No bind: traffic changes no counter and is not shown.
        assert_eq!(kinds, ["connected", "login", "filter-add"]);
        match &seen[2] {
            Change::FilterAdd { filter, owner } => {
                assert_eq!(filter.name, "o");
                assert_eq!(owner.as_deref(), Some("obs"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn tls_and_mutual_tls() {
        let certs = TestCerts::generate();
        let ca = Certificate::from_pem(std::fs::read(&certs.ca_cert).unwrap());

        let server = GrpcServer::new()
            .tls(&certs.server_cert, &certs.server_key)
            .serve()
            .unwrap();
        assert!(server.uri().starts_with("https://127.0.0.1:"));
        let ch = Endpoint::from_shared(server.uri())
            .unwrap()
            .tls_config(ClientTlsConfig::new().ca_certificate(ca.clone()))
            .unwrap()
            .connect()
            .await
            .unwrap();
        assert!(legacy_login(&ch, DEFAULT_USER, DEFAULT_PASSWORD, "tls")
            .await
            .unwrap());
        let login = &server.state().logins()[0];
        assert_eq!(login.1.client_id, "tls");
        // Plain text to a TLS port does not get through.
        let plain = Endpoint::from_shared(server.uri().replace("https", "http"))
            .unwrap()
            .connect()
            .await;
        if let Ok(plain) = plain {
            assert!(legacy_login(&plain, DEFAULT_USER, DEFAULT_PASSWORD, "p")
                .await
                .is_err());
        }

        let mutual = GrpcServer::new()
            .mutual_tls(&certs.server_cert, &certs.server_key, &certs.ca_cert)
            .serve()
            .unwrap();
        let with_cert = Endpoint::from_shared(mutual.uri())
            .unwrap()
            .tls_config(
                ClientTlsConfig::new()
                    .ca_certificate(ca.clone())
                    .domain_name("localhost")
                    .identity(Identity::from_pem(
                        std::fs::read(&certs.client_cert).unwrap(),
                        std::fs::read(&certs.client_key).unwrap(),
                    )),
            )
            .unwrap()
            .connect()
            .await
            .unwrap();
        assert!(
            legacy_login(&with_cert, DEFAULT_USER, DEFAULT_PASSWORD, "m")
                .await
                .unwrap()
        );
        let without_cert = Endpoint::from_shared(mutual.uri())
            .unwrap()
            .tls_config(ClientTlsConfig::new().ca_certificate(ca))
            .unwrap()
            .connect()
            .await;
        if let Ok(without_cert) = without_cert {
            assert!(
                legacy_login(&without_cert, DEFAULT_USER, DEFAULT_PASSWORD, "n")
                    .await
                    .is_err()
            );
        }
        assert_eq!(mutual.state().logins().len(), 1);
    }

    #[test]
    fn blocking_start_from_a_plain_thread() {
        // libjet's blocking client calls from test threads: starting and
        // stopping need no runtime on the caller's side.
        let server = GrpcServer::new()
            .interfaces([jet_sim::Interface::new("xe-1/0/0", [0, 100])])
            .serve()
            .unwrap();
        assert_ne!(server.port(), 0);
        let names: Vec<String> = server
            .state()
            .read(|m| m.interfaces.keys().cloned().collect());
        assert_eq!(names, ["xe-1/0/0"]);
        assert!(std::net::TcpStream::connect(server.addr()).is_ok());
        drop(server);
    }
}
