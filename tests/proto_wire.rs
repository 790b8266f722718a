//! Pins libjet's wire definitions (proto/legacy, proto/jnx) to the public JET
//! wire facts: field names → numbers → types of the messages libjet sends and
//! reads, the full gRPC method paths (and streaming-ness) of every RPC, the
//! enum values the facts warn about, and a few byte-level encodings.
//!
//! The expectations are written from shared/reference/jet-wire-facts*.md, not
//! from the .proto files, so a typo in either shows up here.

use std::collections::HashMap;

use prost::Message;
use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{DescriptorProto, EnumDescriptorProto, FileDescriptorSet};

use jet::proto::{jnx, legacy};

/// Everything the descriptor set declares, by full name (no leading dot).
struct Wire {
    messages: HashMap<String, DescriptorProto>,
    enums: HashMap<String, EnumDescriptorProto>,
    /// Full method path → (input, output, client streaming, server streaming).
    methods: HashMap<String, (String, String, bool, bool)>,
    /// Service full name → its method paths, in declaration order.
    services: HashMap<String, Vec<String>>,
    /// File name → package.
    packages: HashMap<String, String>,
}

fn wire() -> Wire {
    let fds =
        FileDescriptorSet::decode(jet::proto::DESCRIPTOR_SET).expect("descriptor set decodes");
    let mut w = Wire {
        messages: HashMap::new(),
        enums: HashMap::new(),
        methods: HashMap::new(),
        services: HashMap::new(),
        packages: HashMap::new(),
    };
    fn walk(w: &mut Wire, scope: &str, m: &DescriptorProto) {
        let name = format!("{scope}.{}", m.name());
        for e in &m.enum_type {
            w.enums.insert(format!("{name}.{}", e.name()), e.clone());
        }
        for n in &m.nested_type {
            walk(w, &name, n);
        }
        w.messages.insert(name, m.clone());
    }
    for f in &fds.file {
        w.packages
            .insert(f.name().to_string(), f.package().to_string());
        for m in &f.message_type {
            walk(&mut w, f.package(), m);
        }
        for e in &f.enum_type {
            w.enums
                .insert(format!("{}.{}", f.package(), e.name()), e.clone());
        }
        for s in &f.service {
            let service = format!("{}.{}", f.package(), s.name());
            let mut paths = Vec::new();
            for m in &s.method {
                let path = format!("/{service}/{}", m.name());
                w.methods.insert(
                    path.clone(),
                    (
                        m.input_type().trim_start_matches('.').to_string(),
                        m.output_type().trim_start_matches('.').to_string(),
                        m.client_streaming(),
                        m.server_streaming(),
                    ),
                );
                paths.push(path);
            }
            w.services.insert(service, paths);
        }
    }
    w
}

/// A field in the facts' notation: `name=N:type`, `[]` before the type for
/// repeated, `@oneof` after it for a oneof member. Scalar types are proto
/// names (string, uint32, int64, bool, bytes …); message and enum types are
/// full names without the leading dot.
fn describe(m: &DescriptorProto) -> Vec<String> {
    m.field
        .iter()
        .map(|f| {
            let ty = match f.r#type() {
                Type::Message | Type::Enum => f.type_name().trim_start_matches('.').to_string(),
                Type::String => "string".into(),
                Type::Bytes => "bytes".into(),
                Type::Bool => "bool".into(),
                Type::Uint32 => "uint32".into(),
                Type::Uint64 => "uint64".into(),
                Type::Int32 => "int32".into(),
                Type::Int64 => "int64".into(),
                other => format!("{other:?}"),
            };
            let repeated = if f.label() == Label::Repeated {
                "[]"
            } else {
                ""
            };
            let oneof = match f.oneof_index {
                Some(i) => format!("@{}", m.oneof_decl[i as usize].name()),
                None => String::new(),
            };
            format!("{}={}:{repeated}{ty}{oneof}", f.name(), f.number())
        })
        .collect()
}

impl Wire {
    /// Asserts the message has exactly these fields, in this order.
    fn fields(&self, message: &str, want: &[&str]) {
        let m = self
            .messages
            .get(message)
            .unwrap_or_else(|| panic!("message {message} is not declared"));
        assert_eq!(describe(m), want, "fields of {message}");
    }

    /// Asserts the message reserves exactly these tags.
    fn reserved(&self, message: &str, want: &[i32]) {
        let m = &self.messages[message];
        let have: Vec<i32> = m
            .reserved_range
            .iter()
            .flat_map(|r| r.start()..r.end())
            .collect();
        assert_eq!(have, want, "reserved tags of {message}");
    }

    /// Asserts the enum has exactly these members and values, in this order.
    fn enum_values(&self, name: &str, want: &[(&str, i32)]) {
        let e = self
            .enums
            .get(name)
            .unwrap_or_else(|| panic!("enum {name} is not declared"));
        let have: Vec<(&str, i32)> = e.value.iter().map(|v| (v.name(), v.number())).collect();
        assert_eq!(have, want, "values of {name}");
    }

    /// Asserts a service declares exactly these RPCs (path, in, out, stream).
    fn service(&self, service: &str, want: &[(&str, &str, &str, Streaming)]) {
        let have = self
            .services
            .get(service)
            .unwrap_or_else(|| panic!("service {service} is not declared"));
        let want_paths: Vec<String> = want
            .iter()
            .map(|(rpc, ..)| format!("/{service}/{rpc}"))
            .collect();
        assert_eq!(have, &want_paths, "RPCs of {service}");
        let package = service.rsplit_once('.').map_or("", |(p, _)| p);
        for ((_, input, output, streaming), path) in want.iter().zip(&want_paths) {
            let (i, o, cs, ss) = &self.methods[path];
            let q = |t: &str| {
                if t.contains('.') {
                    t.to_string()
                } else {
                    format!("{package}.{t}")
                }
            };
            assert_eq!(i, &q(input), "request type of {path}");
            assert_eq!(o, &q(output), "response type of {path}");
            assert!(!cs, "{path} must not be client-streaming");
            assert_eq!(
                *ss,
                *streaming == Streaming::Server,
                "server streaming of {path}"
            );
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Streaming {
    Unary,
    Server,
}
use Streaming::{Server, Unary};

#[test]
fn files_and_packages() {
    let w = wire();
    let want = [
        ("jnx_addr.proto", "jnxBase"),
        ("jnx_base_types.proto", "jnxBase"),
        ("authentication_service.proto", "authentication"),
        ("firewall_service.proto", "acl"),
        ("dcd_service.proto", "interface"),
        ("management_service.proto", "management"),
        ("jnx_common_base_types.proto", "jnx.jet.common"),
        ("jnx_common_addr_types.proto", "jnx.jet.common"),
        ("jnx_authentication_service.proto", "jnx.jet.authentication"),
        ("jnx_firewall_service.proto", "jnx.jet.firewall"),
        ("jnx_interfaces_service.proto", "jnx.jet.interfaces"),
        ("jnx_management_service.proto", "jnx.jet.management"),
    ];
    for (file, package) in want {
        assert_eq!(
            w.packages.get(file).map(String::as_str),
            Some(package),
            "{file}"
        );
    }
    // Only ours, plus descriptor.proto for the jnx file-option extensions.
    assert_eq!(w.packages.len(), want.len() + 1, "{:?}", w.packages);
    assert_eq!(
        w.packages["google/protobuf/descriptor.proto"],
        "google.protobuf"
    );
}

// ---------------------------------------------------------------- authentication

#[test]
fn authentication_both_generations() {
    let w = wire();
    w.service(
        "authentication.Login",
        &[("LoginCheck", "LoginRequest", "LoginReply", Unary)],
    );
    w.fields(
        "authentication.LoginRequest",
        &[
            "user_name=1:string",
            "password=2:string",
            "client_id=3:string",
            "group_id=4:string",
        ],
    );
    w.fields("authentication.LoginReply", &["result=1:bool"]);

    w.service(
        "jnx.jet.authentication.Authentication",
        &[("Login", "LoginRequest", "LoginResponse", Unary)],
    );
    w.fields(
        "jnx.jet.authentication.LoginRequest",
        &[
            "username=1:string",
            "password=2:string",
            "client_id=3:string",
            "group_id=4:string",
        ],
    );
    w.fields(
        "jnx.jet.authentication.LoginResponse",
        &["status=1:jnx.jet.common.RpcStatus"],
    );
    w.reserved("jnx.jet.authentication.LoginResponse", &[2]);
    w.fields(
        "jnx.jet.common.RpcStatus",
        &["code=1:jnx.jet.common.StatusCode", "message=2:string"],
    );
    w.enum_values(
        "jnx.jet.common.StatusCode",
        &[("SUCCESS", 0), ("FAILURE", 1)],
    );
}

/// The facts: "Request bytes are identical to the new one; method path and
/// reply differ."
#[test]
fn login_request_bytes_are_identical() {
    let old = legacy::authentication::LoginRequest {
        user_name: "u".into(),
        password: "p".into(),
        client_id: "c".into(),
        group_id: String::new(),
    }
    .encode_to_vec();
    let new = jnx::authentication::LoginRequest {
        username: "u".into(),
        password: "p".into(),
        client_id: "c".into(),
        group_id: String::new(),
    }
    .encode_to_vec();
    assert_eq!(old, new);
    assert_eq!(old, b"\x0a\x01u\x12\x01p\x1a\x01c");
}

// ---------------------------------------------------------------- firewall

#[test]
fn legacy_acl_service() {
    let w = wire();
    let status = "AccessListReturnStatus";
    w.service(
        "acl.AclService",
        &[
            ("AccessListAdd", "AccessList", status, Unary),
            ("AccessListDelete", "AccessList", status, Unary),
            ("AccessListChange", "AccessList", status, Unary),
            ("AccessListBindAdd", "AccessListObjBind", status, Unary),
            ("AccessListBindDelete", "AccessListObjBind", status, Unary),
            ("AccessListPolicerAdd", "AccessListPolicer", status, Unary),
            (
                "AccessListPolicerReplace",
                "AccessListPolicer",
                status,
                Unary,
            ),
            (
                "AccessListPolicerDelete",
                "AccessListPolicer",
                status,
                Unary,
            ),
            ("AccessListPileupStart", "AccessListVoid", status, Unary),
            ("AccessListPileupEnd", "AccessListVoid", status, Unary),
            (
                "AccessListCounterGet",
                "AccessListCounter",
                "AccessListCounterVal",
                Unary,
            ),
            (
                "AccessListPolicerCounterGet",
                "AccessListCounter",
                "AccessListCounterVal",
                Unary,
            ),
            ("AccessListCounterClear", "AccessListCounter", status, Unary),
            (
                "AccessListCounterBulkGet",
                "AccessListCounterBulk",
                "AccessListCounterVal",
                Server,
            ),
            (
                "AccessListPolicerCounterBulkGet",
                "AccessListCounterBulk",
                "AccessListCounterVal",
                Server,
            ),
        ],
    );
}

#[test]
fn legacy_acl_messages() {
    let w = wire();
    w.fields(
        "acl.AccessList",
        &[
            "acl_name=1:string",
            "acl_type=2:acl.AccessListTypes",
            "acl_family=3:acl.AccessListFamilies",
            "acl_flag=4:acl.AccessListFlags",
            "ace_list=5:[]acl.AclEntry",
        ],
    );
    w.fields(
        "acl.AclEntry",
        &[
            "inet_entry=1:acl.AclInetEntry@OneOf_AclEntry",
            "es_entry=2:acl.AclEsEntry@OneOf_AclEntry",
            "inet6_entry=3:acl.AclInet6Entry@OneOf_AclEntry",
            "vpls_entry=4:acl.AclVplsEntry@OneOf_AclEntry",
            "ccc_entry=5:acl.AclCccEntry@OneOf_AclEntry",
            "mservice_entry=6:acl.AclMultiServiceEntry@OneOf_AclEntry",
            "mpls_entry=7:acl.AclMplsEntry@OneOf_AclEntry",
        ],
    );
    w.fields(
        "acl.AclInetEntry",
        &[
            "ace_name=1:string",
            "ace_op=2:acl.AclEntryOperation",
            "adjacency=3:acl.AclAdjacency",
            "matches=4:acl.AclEntryMatchInet",
            "actions=5:acl.AclEntryInetAction",
        ],
    );
    w.fields(
        "acl.AclAdjacency",
        &["type=1:acl.AclAdjacencyType", "ace_name=2:string"],
    );
    w.fields(
        "acl.AclEntryMatchInet",
        &[
            "match_dst_addrs=1:[]acl.AclMatchIpAddress",
            "match_src_addrs=2:[]acl.AclMatchIpAddress",
            "match_dst_ports=3:[]acl.AclMatchPort",
            "match_src_ports=4:[]acl.AclMatchPort",
            "match_dscp_code=5:[]acl.AclMatchDscpCode",
            "match_protocols=6:[]acl.AclMatchProtocol",
            "match_icmp_type=7:[]acl.AclMatchIcmpType",
            "match_icmp_code=8:[]acl.AclMatchIcmpCode",
            "match_pkt_len=9:[]acl.AclMatchPktLen",
            "match_ttl=10:[]acl.AclMatchTtl",
            "fragment_flags=11:acl.AclFragmentFlags",
            "match_frag_offset=12:[]acl.AclMatchFragmentOffset",
            "ifl_names=13:[]acl.AclMatchIflNameIndex",
            "match_ip_precedence=14:[]acl.AclMatchIpPrecedence",
            "match_addrs=15:[]acl.AclMatchIpAddress",
            "match_ports=16:[]acl.AclMatchPort",
            "match_flex_range=17:acl.AclMatchFlexibleOffsetRange",
            "match_flex_mask=18:acl.AclMatchFlexibleOffsetMask",
        ],
    );
    w.fields(
        "acl.AclMatchIpAddress",
        &[
            "addr=1:jnxBase.IpAddress",
            "prefix_len=2:uint32",
            "match_op=3:acl.AclMatchOperation",
        ],
    );
    // Ports are signed in 17.4 (int32), unsigned in jnx (uint32).
    w.fields(
        "acl.AclMatchPort",
        &[
            "min=1:int32",
            "max=2:int32",
            "match_op=3:acl.AclMatchOperation",
        ],
    );
    w.fields(
        "acl.AclMatchProtocol",
        &[
            "min=1:uint32",
            "max=2:uint32",
            "match_op=3:acl.AclMatchOperation",
        ],
    );
    w.fields(
        "acl.AclEntryInetAction",
        &[
            "actions_nt=1:acl.AclEntryInetNonTerminatingAction",
            "action_t=2:acl.AclEntryInetTerminatingAction",
        ],
    );
    let t = "Oneof_AclEntryInetTerminatingAction";
    w.fields(
        "acl.AclEntryInetTerminatingAction",
        &[
            &format!("action_accept=1:acl.AclBooleanType@{t}"),
            &format!("action_discard=2:acl.AclBooleanType@{t}"),
            &format!("action_reject=3:acl.AclEntryActionRejectReason@{t}"),
            &format!("action_rt_inst=4:acl.AclActionRoutingInstance@{t}"),
        ],
    );
    w.fields(
        "acl.AclEntryInetNonTerminatingAction",
        &[
            "action_count=1:acl.AclActionCounter",
            "action_log=2:acl.AclBooleanType",
            "action_syslog=3:acl.AclBooleanType",
            "action_policer=4:acl.AclActionPolicer",
            "action_sample=5:acl.AclBooleanType",
            "action_next_term=6:acl.AclBooleanType",
        ],
    );
    w.fields(
        "acl.AccessListObjBind",
        &[
            "acl=1:acl.AccessList",
            "obj_type=2:acl.AccessListBindObjType",
            "bind_object=3:acl.AccessListBindObjPoint",
            "bind_direction=4:acl.AclBindDirection",
            "bind_family=5:acl.AccessListFamilies",
        ],
    );
    w.fields(
        "acl.AccessListBindObjPoint",
        &[
            "intf=1:string@OneOf_AclBindPoint",
            "fwd_table=2:string@OneOf_AclBindPoint",
            "vlan=3:acl.AclBindObjVlan@OneOf_AclBindPoint",
            "bd=4:acl.AclBindObjBridgeDomain@OneOf_AclBindPoint",
        ],
    );
    w.fields(
        "acl.AccessListCounter",
        &["acl=1:acl.AccessList", "counter_name=2:string"],
    );
    w.fields(
        "acl.AccessListCounterBulk",
        &["acl=1:acl.AccessList", "starting_index=2:uint32"],
    );
    w.fields(
        "acl.AccessListCounterVal",
        &[
            "counter_name=1:string",
            "status=2:acl.AccessListReturnVal",
            "bytes=3:uint64",
            "packets=4:uint64",
        ],
    );
    w.fields(
        "acl.AccessListReturnStatus",
        &["status=1:acl.AccessListReturnVal"],
    );
    w.fields("acl.AccessListVoid", &["void=1:string"]);
    w.fields(
        "acl.AccessListPolicer",
        &[
            "policer_name=1:string",
            "policer_type=2:acl.AclPolicerType",
            "policer_flag=3:acl.AclPolicerFlags",
            "policer_params=4:acl.AclPolicerParameter",
        ],
    );
    let p = "OneOf_PolicerParameter";
    w.fields(
        "acl.AclPolicerParameter",
        &[
            &format!("two_color_parameter=1:acl.AclPolicerTwoColor@{p}"),
            &format!("sr_three_color_parameter=2:acl.AclPolicerSingleRateThreeColor@{p}"),
            &format!("tr_three_color_parameter=3:acl.AclPolicerTwoRateThreeColor@{p}"),
            &format!("hierarchical_parameter=4:acl.AclPolicerHierarchical@{p}"),
        ],
    );
    w.fields(
        "acl.AclPolicerTwoColor",
        &[
            "bw_unit=1:acl.AclPolicerRate",
            "bandwidth=2:uint64",
            "burst_unit=3:acl.AclPolicerBurstSize",
            "burst_size=4:uint64",
            "lp=5:acl.AclLossPriority",
            "fc_string=6:string",
            "discard=7:acl.AclBooleanType",
        ],
    );
    // Flexible-offset oneofs use tag 2 in 17.4 (tag 1 in jnx).
    w.fields(
        "acl.AclMatchFlexibleOffsetRange",
        &["flex_range_match=2:acl.AclMatchFlexibleRange@Oneof_AclEntryMatchFlexibleOffsetRange"],
    );
    w.fields(
        "jnxBase.IpAddress",
        &[
            "addr_string=1:string@AddrFormat",
            "addr_bytes=2:bytes@AddrFormat",
        ],
    );
}

#[test]
fn legacy_acl_enums() {
    let w = wire();
    w.enum_values(
        "acl.AclAdjacencyType",
        &[
            ("ACL_ADJACENCY_NONE", 0),
            ("ACL_ADJACENCY_AFTER", 1),
            ("ACL_ADJACENCY_BEFORE", 2),
        ],
    );
    w.enum_values(
        "acl.AccessListReturnVal",
        &[
            ("ACL_STATUS_EOK", 0),
            ("ACL_STATUS_NULL_MESSAGE", 1),
            ("ACL_STATUS_EINVALID_MESSAGE", 2),
            ("ACL_STATUS_EINTERNAL", 3),
            ("ACL_STATUS_EUNSUPPORTED_OP", 4),
            ("ACL_STATUS_NO_RESOURCE", 5),
            ("ACL_STATUS_BS_TIMEOUT", 6),
        ],
    );
    w.enum_values(
        "acl.AclEntryOperation",
        &[
            ("ACL_ENTRY_OPERATION_INVALID", 0),
            ("ACL_ENTRY_OPERATION_ADD", 1),
            ("ACL_ENTRY_OPERATION_DELETE", 2),
            ("ACL_ENTRY_OPERATION_REPLACE", 3),
        ],
    );
    w.enum_values(
        "acl.AccessListFamilies",
        &[
            ("ACL_FAMILY_INVALID", 0),
            ("ACL_FAMILY_INET", 1),
            ("ACL_FAMILY_INET6", 2),
            ("ACL_FAMILY_ES", 3),
            ("ACL_FAMILY_VPLS", 4),
            ("ACL_FAMILY_MULTISERVICE", 5),
            ("ACL_FAMILY_CCC", 6),
            ("ACL_FAMILY_MPLS", 7),
        ],
    );
    w.enum_values("acl.AclBooleanType", &[("ACL_FALSE", 0), ("ACL_TRUE", 1)]);
    let reject = &w.enums["acl.AclEntryActionRejectReason"];
    assert_eq!(reject.value.len(), 17);
    assert_eq!(
        reject.value[10].name(),
        "ACL_ACTION_REJECT_PORT_UNREACHABLE"
    );
    assert_eq!(reject.value[10].number(), 10);
    assert_eq!(reject.value[16].name(), "ACL_ACTION_REJECT_TCP_RESET");
    assert_eq!(reject.value[16].number(), 16);
    // The facts: every message and enum of firewall_service.proto is top-level.
    assert!(w
        .enums
        .keys()
        .chain(w.messages.keys())
        .filter(|n| n.starts_with("acl."))
        .all(|n| n.matches('.').count() == 1));
}

#[test]
fn jnx_firewall_service() {
    let w = wire();
    w.service(
        "jnx.jet.firewall.Firewall",
        &[
            ("FilterAdd", "FilterAddRequest", "FilterAddResponse", Unary),
            (
                "FilterDelete",
                "FilterDeleteRequest",
                "FilterDeleteResponse",
                Unary,
            ),
            (
                "FilterModify",
                "FilterModifyRequest",
                "FilterModifyResponse",
                Unary,
            ),
            (
                "FilterBindAdd",
                "FilterObjBindAddRequest",
                "FilterBindAddResponse",
                Unary,
            ),
            (
                "FilterBindDelete",
                "FilterObjBindDeleteRequest",
                "FilterBindDeleteResponse",
                Unary,
            ),
            (
                "PolicerAdd",
                "PolicerAddRequest",
                "PolicerAddResponse",
                Unary,
            ),
            (
                "PolicerModify",
                "PolicerModifyRequest",
                "PolicerModifyResponse",
                Unary,
            ),
            (
                "PolicerDelete",
                "PolicerDeleteRequest",
                "PolicerDeleteResponse",
                Unary,
            ),
            (
                "FilterCounterGet",
                "FilterCounterGetRequest",
                "FilterCounterGetResponse",
                Unary,
            ),
            (
                "PolicerCounterGet",
                "PolicerCounterGetRequest",
                "PolicerCounterGetResponse",
                Unary,
            ),
            (
                "FilterCounterSet",
                "FilterCounterSetRequest",
                "FilterCounterSetResponse",
                Unary,
            ),
            (
                "PolicerCounterSet",
                "PolicerCounterSetRequest",
                "PolicerCounterSetResponse",
                Unary,
            ),
            (
                "FiltersPurgeTimerAdd",
                "FiltersPurgeTimerAddRequest",
                "FiltersPurgeTimerAddResponse",
                Unary,
            ),
            (
                "FiltersPurgeTimerDelete",
                "FiltersPurgeTimerDeleteRequest",
                "FiltersPurgeTimerDeleteResponse",
                Unary,
            ),
            (
                "FiltersPurgeTimerGet",
                "FiltersPurgeTimerGetRequest",
                "FiltersPurgeTimerGetResponse",
                Unary,
            ),
        ],
    );
}

#[test]
fn jnx_firewall_messages() {
    let w = wire();
    let fw = |s: &str| format!("jnx.jet.firewall.{s}");
    for name in ["FilterAddRequest", "FilterModifyRequest"] {
        w.fields(
            &fw(name),
            &[
                "name=1:string",
                "type=2:jnx.jet.firewall.FilterTypes",
                "family=3:jnx.jet.firewall.FilterFamilies",
                "flag=4:jnx.jet.firewall.FilterFlags",
                "terms_list=5:[]jnx.jet.firewall.FilterTerm",
            ],
        );
    }
    for name in ["Filter", "FilterDeleteRequest"] {
        w.fields(
            &fw(name),
            &["name=1:string", "family=2:jnx.jet.firewall.FilterFamilies"],
        );
    }
    let ft = "filter_term";
    w.fields(
        &fw("FilterTerm"),
        &[
            &format!("inet_term=1:jnx.jet.firewall.FilterInetTerm@{ft}"),
            &format!("es_term=2:jnx.jet.firewall.FilterEsTerm@{ft}"),
            &format!("inet6_term=3:jnx.jet.firewall.FilterInet6Term@{ft}"),
            &format!("vpls_term=4:jnx.jet.firewall.FilterVplsTerm@{ft}"),
            &format!("ccc_term=5:jnx.jet.firewall.FilterCccTerm@{ft}"),
            &format!("mservice_term=6:jnx.jet.firewall.FilterMultiServiceTerm@{ft}"),
            &format!("mpls_term=7:jnx.jet.firewall.FilterMplsTerm@{ft}"),
        ],
    );
    w.fields(
        &fw("FilterInetTerm"),
        &[
            "term_name=1:string",
            "term_op=2:jnx.jet.firewall.FilterTermOperation",
            "adjacency=3:jnx.jet.firewall.FilterAdjacency",
            "matches=4:jnx.jet.firewall.FilterTermMatchInet",
            "actions=5:jnx.jet.firewall.FilterTermInetAction",
        ],
    );
    w.fields(
        &fw("FilterAdjacency"),
        &[
            "type=1:jnx.jet.firewall.FilterAdjacencyType",
            "term_name=2:string",
        ],
    );
    let m = |t: &str| format!("jnx.jet.firewall.Match{t}");
    w.fields(
        &fw("FilterTermMatchInet"),
        &[
            &format!("ipv4_dst_addrs=1:[]{}", m("IpAddress")),
            &format!("ipv4_src_addrs=2:[]{}", m("IpAddress")),
            &format!("dst_ports=3:[]{}", m("Port")),
            &format!("src_ports=4:[]{}", m("Port")),
            &format!("dscp_codes=5:[]{}", m("DscpCode")),
            &format!("protocols=6:[]{}", m("Protocol")),
            &format!("icmp_types=7:[]{}", m("IcmpType")),
            &format!("icmp_codes=8:[]{}", m("IcmpCode")),
            &format!("packet_lengths=9:[]{}", m("PacketLength")),
            &format!("ttls=10:[]{}", m("Ttl")),
            "fragment_flag=11:jnx.jet.firewall.FilterFragmentFlags",
            &format!("frag_offsets=12:[]{}", m("FragmentOffset")),
            &format!("interface_units=13:[]{}", m("InterfaceUnit")),
            &format!("ip_precedences=14:[]{}", m("IpPrecedence")),
            &format!("ipv4_addrs=15:[]{}", m("IpAddress")),
            &format!("ports=16:[]{}", m("Port")),
            &format!("flex_range=17:{}", m("FlexibleOffsetRange")),
            &format!("flex_mask=18:{}", m("FlexibleOffsetMask")),
            &format!("gtp_header=19:{}", m("GtpHeader")),
            &format!("five_tuple_exact=20:[]{}", m("FiveTupleExact")),
        ],
    );
    w.fields(
        &m("IpAddress"),
        &[
            "addr=1:jnx.jet.common.IpAddress",
            "prefix_length=2:uint32",
            "operation=3:jnx.jet.firewall.MatchOperation",
        ],
    );
    for range in ["Port", "Protocol", "DscpCode", "Ttl", "GtpTeid"] {
        w.fields(
            &m(range),
            &[
                "min=1:uint32",
                "max=2:uint32",
                "operation=3:jnx.jet.firewall.MatchOperation",
            ],
        );
    }
    w.fields(
        &m("InterfaceUnit"),
        &[
            "unit_name=1:string@interface",
            "unit_index=2:uint32@interface",
        ],
    );
    w.fields(
        &m("FiveTupleExact"),
        &[
            &format!("dst_addr=1:{}", m("IpAddress")),
            &format!("src_addr=2:{}", m("IpAddress")),
            &format!("dst_port=3:{}", m("Port")),
            &format!("src_port=4:{}", m("Port")),
            &format!("protocol=5:{}", m("Protocol")),
        ],
    );
    w.fields(
        &fw("FilterTermInetAction"),
        &[
            "actions_nt=1:jnx.jet.firewall.FilterTermInetNonTerminatingAction",
            "action_t=2:jnx.jet.firewall.FilterTermInetTerminatingAction",
        ],
    );
    let t = "terminating_action";
    w.fields(
        &fw("FilterTermInetTerminatingAction"),
        &[
            &format!("accept=1:bool@{t}"),
            &format!("discard=2:bool@{t}"),
            &format!("reject=3:jnx.jet.firewall.ActionIcmpRejectReason@{t}"),
            &format!("routing_instance_name=4:string@{t}"),
        ],
    );
    w.fields(
        &fw("FilterTermInetNonTerminatingAction"),
        &[
            "count=1:jnx.jet.firewall.ActionCounter",
            "log=2:bool",
            "syslog=3:bool",
            "policer=4:jnx.jet.firewall.ActionPolicer",
            "sample=5:bool",
            "next_term=6:bool",
        ],
    );
    w.fields(&fw("ActionCounter"), &["counter_name=1:string"]);
    w.fields(
        &fw("ActionPolicer"),
        &["policer=1:jnx.jet.firewall.Policer"],
    );
    for name in ["FilterObjBindAddRequest", "FilterObjBindDeleteRequest"] {
        w.fields(
            &fw(name),
            &[
                "filter=1:jnx.jet.firewall.Filter",
                "obj_type=2:jnx.jet.firewall.FilterBindObjType",
                "bind_object=3:jnx.jet.firewall.FilterBindObjPoint",
                "bind_direction=4:jnx.jet.firewall.FilterBindDirection",
                "bind_family=5:jnx.jet.firewall.FilterFamilies",
            ],
        );
    }
    let b = "bind_point";
    w.fields(
        &fw("FilterBindObjPoint"),
        &[
            &format!("interface_name=1:string@{b}"),
            &format!("forwarding_table=2:string@{b}"),
            &format!("vlan=3:jnx.jet.firewall.FilterBindObjVlan@{b}"),
            &format!("bridge_domain=4:jnx.jet.firewall.FilterBindObjBridgeDomain@{b}"),
        ],
    );
    for name in [
        "FilterCounterGetRequest",
        "PolicerCounterGetRequest",
        "FilterCounterSetRequest",
        "PolicerCounterSetRequest",
    ] {
        w.fields(
            &fw(name),
            &["filter_name=1:string", "counter_name=2:string"],
        );
    }
    for name in ["FilterCounterGetResponse", "PolicerCounterGetResponse"] {
        w.fields(
            &fw(name),
            &[
                "status=1:jnx.jet.common.RpcStatus",
                &format!("sub_code=2:jnx.jet.firewall.{name}.StatusCode"),
                "counter_name=3:string",
                "bytes=4:uint64",
                "packets=5:uint64",
            ],
        );
    }
    for name in ["Policer", "PolicerAddRequest", "PolicerModifyRequest"] {
        w.fields(
            &fw(name),
            &[
                "name=1:string",
                "type=2:jnx.jet.firewall.PolicerType",
                "flag=3:jnx.jet.firewall.PolicerFlag",
                "params=4:jnx.jet.firewall.PolicerParameter",
            ],
        );
    }
    let p = "parameter";
    w.fields(
        &fw("PolicerParameter"),
        &[
            &format!("two_color_parameter=1:jnx.jet.firewall.PolicerTwoColor@{p}"),
            &format!(
                "single_rate_tricolor_parameter=2:jnx.jet.firewall.PolicerSingleRateThreeColor@{p}"
            ),
            &format!("two_rate_tricolor_parameter=3:jnx.jet.firewall.PolicerTwoRateThreeColor@{p}"),
            &format!("hierarchical_parameter=4:jnx.jet.firewall.PolicerHierarchical@{p}"),
        ],
    );
    // Tags 1 and 3 are unused (the legacy unit fields are gone).
    w.fields(
        &fw("PolicerTwoColor"),
        &[
            "bandwidth=2:uint64",
            "burst_size=4:uint64",
            "loss_priority=5:jnx.jet.firewall.FilterLossPriority",
            "forwarding_class_name=6:string",
            "discard=7:bool",
        ],
    );
    w.fields(&fw("FiltersPurgeTimerAddRequest"), &["time=1:uint32"]);
    w.fields(&fw("FiltersPurgeTimerGetRequest"), &[]);
    w.fields(
        &fw("FiltersPurgeTimerGetResponse"),
        &[
            "status=1:jnx.jet.common.RpcStatus",
            "sub_code=2:jnx.jet.firewall.FiltersPurgeTimerGetResponse.StatusCode",
            "time=3:uint32",
        ],
    );
    w.fields(
        "jnx.jet.common.IpAddress",
        &[
            "addr_string=1:string@addr_format",
            "addr_bytes=2:bytes@addr_format",
        ],
    );
}

#[test]
fn jnx_firewall_enums() {
    let w = wire();
    w.enum_values(
        "jnx.jet.firewall.FilterAdjacencyType",
        &[("TERM_AFTER", 0), ("TERM_BEFORE", 1)],
    );
    w.enum_values(
        "jnx.jet.firewall.FilterTermOperation",
        &[
            ("TERM_OPERATION_INVALID", 0),
            ("TERM_OPERATION_ADD", 1),
            ("TERM_OPERATION_DELETE", 2),
            ("TERM_OPERATION_REPLACE", 3),
        ],
    );
    w.enum_values(
        "jnx.jet.firewall.FilterFamilies",
        &[
            ("FAMILY_INVALID", 0),
            ("FAMILY_INET", 1),
            ("FAMILY_INET6", 2),
            ("FAMILY_ES", 3),
            ("FAMILY_VPLS", 4),
            ("FAMILY_MULTISERVICE", 5),
            ("FAMILY_CCC", 6),
            ("FAMILY_MPLS", 7),
        ],
    );
    w.enum_values(
        "jnx.jet.firewall.MatchOperation",
        &[("OP_INVALID", 0), ("OP_EQUAL", 1), ("OP_NOT_EQUAL", 2)],
    );
    // Every response has a nested StatusCode (no global status enum, no
    // NULL_MESSAGE: values differ from legacy AccessListReturnVal) and
    // sub_code = 2; the two counter reads add TIMEOUT = 5.
    let base = [
        ("EOK", 0),
        ("EINVALID_MESSAGE", 1),
        ("EINTERNAL", 2),
        ("EUNSUPPORTED_OP", 3),
        ("NO_RESOURCE", 4),
    ];
    let with_timeout: Vec<(&str, i32)> = base.iter().copied().chain([("TIMEOUT", 5)]).collect();
    let mut responses = 0;
    for (path, (_, output, _, _)) in &w.methods {
        if !path.starts_with("/jnx.jet.firewall.") {
            continue;
        }
        responses += 1;
        let code = format!("{output}.StatusCode");
        if output.ends_with("CounterGetResponse") {
            w.enum_values(&code, &with_timeout);
        } else {
            w.enum_values(&code, &base);
        }
        let sub_code = w.messages[output]
            .field
            .iter()
            .find(|f| f.name() == "sub_code")
            .unwrap_or_else(|| panic!("{output} has no sub_code"));
        assert_eq!(sub_code.number(), 2, "{output}.sub_code");
        assert_eq!(sub_code.type_name(), format!(".{code}"));
    }
    assert_eq!(responses, 15);
    assert!(!w.enums.contains_key("jnx.jet.firewall.StatusCode"));
}

// ---------------------------------------------------------------- interfaces

#[test]
fn legacy_interface_service() {
    let w = wire();
    let r = "ConfigResp";
    w.service(
        "interface.InterfacesService",
        &[
            ("InterfaceCreate", "InterfaceConfig", r, Unary),
            ("InterfaceDelete", "InterfaceConfig", r, Unary),
            ("InterfaceLogicalCreate", "InterfaceLogicalConfig", r, Unary),
            ("InterfaceLogicalDelete", "InterfaceLogicalConfig", r, Unary),
            ("InterfaceFamilyCreate", "InterfaceFamilyConfig", r, Unary),
            ("InterfaceFamilyDelete", "InterfaceFamilyConfig", r, Unary),
            ("InterfaceAddressCreate", "InterfaceAddressConfig", r, Unary),
            ("InterfaceAddressDelete", "InterfaceAddressConfig", r, Unary),
            ("InterfaceRTAddressCreate", "RTConfig", r, Unary),
            ("InterfaceRTAddressDelete", "RTConfig", r, Unary),
        ],
    );
    w.service(
        "interface.AttrQueryService",
        &[(
            "InterfacesQueryAttribute",
            "AttributeRequestInfo",
            "AttributeResponseInfo",
            Unary,
        )],
    );
    w.service(
        "interface.ObjectQueryService",
        &[(
            "isObjectOwner",
            "ObjectOwnershipQuery",
            "ObjectOwnershipResp",
            Unary,
        )],
    );
    w.service(
        "interface.TimeoutService",
        &[("setClientTimeout", "TimeoutInfo", "TimeoutResp", Unary)],
    );
    w.service(
        "interface.PublicIflService",
        &[(
            "isPublicIfl",
            "InterfaceLogicalConfig",
            "PublicIflResp",
            Unary,
        )],
    );
    w.fields(
        "interface.InterfaceAddressConfig",
        &[
            "port_name=1:string",
            "ifl_unit=2:interface.Value32",
            "family=3:interface.FamilyType",
            "interface_address=4:interface.IpAddress",
            "string_attr_list=5:[]interface.string_attr",
            "integer_attr_list=6:[]interface.integer_attr",
            "operation=7:int32",
            "client_ctx=8:int32",
            "request_id=9:int64",
        ],
    );
    w.fields("interface.Value32", &["unit=1:int32"]);
    w.fields(
        "interface.IpAddress",
        &[
            "addr_string=1:string@AddrFormat",
            "addr_bytes=2:bytes@AddrFormat",
        ],
    );
    w.fields(
        "interface.string_attr",
        &["attr_name=1:string", "attr_value=2:string"],
    );
    w.fields(
        "interface.integer_attr",
        &["attr_name=1:string", "attr_value=2:int32"],
    );
    w.fields(
        "interface.ConfigResp",
        &[
            "status=1:interface.ret_status",
            "error_message=2:string",
            "request_id=3:int64",
            "client_ctx=4:int32",
        ],
    );
    w.enum_values(
        "interface.FamilyType",
        &[
            ("INTF_AF_UNKNOWN", 0),
            ("INTF_AF_INET", 2),
            ("INTF_AF_INET6", 28),
        ],
    );
    let ret = &w.enums["interface.ret_status"];
    assert_eq!(ret.value.len(), 16);
    assert_eq!((ret.value[0].name(), ret.value[0].number()), ("SUCCESS", 0));
    assert_eq!(
        (ret.value[15].name(), ret.value[15].number()),
        ("NO_ARP_MAC", 15)
    );
}

#[test]
fn jnx_interfaces_service() {
    let w = wire();
    w.service(
        "jnx.jet.interfaces.Interfaces",
        &[
            (
                "InterfaceAdd",
                "InterfaceAddRequest",
                "InterfaceAddResponse",
                Unary,
            ),
            (
                "InterfaceUpdate",
                "InterfaceUpdateRequest",
                "InterfaceUpdateResponse",
                Unary,
            ),
            (
                "InterfaceDelete",
                "InterfaceDeleteRequest",
                "InterfaceDeleteResponse",
                Unary,
            ),
            (
                "InterfaceGet",
                "InterfaceGetRequest",
                "InterfaceGetResponse",
                Unary,
            ),
            (
                "InterfaceUnitPermissionsGet",
                "InterfaceUnitPermissionsGetRequest",
                "InterfaceUnitPermissionsGetResponse",
                Unary,
            ),
        ],
    );
    let i = |s: &str| format!("jnx.jet.interfaces.{s}");
    w.fields(
        &i("InterfaceAddressConfig"),
        &[
            "port_name=1:string",
            "unit=2:jnx.jet.interfaces.InterfaceUnit",
            "family=3:jnx.jet.common.AfType",
            "ip_address=4:jnx.jet.common.IpAddress",
            "attributes=5:jnx.jet.interfaces.InterfaceAttributeList",
            "destination_udp_port=6:uint32",
        ],
    );
    w.fields(
        &i("InterfaceAddressDelete"),
        &[
            "port_name=1:string",
            "unit=2:jnx.jet.interfaces.InterfaceUnit",
            "family=3:jnx.jet.common.AfType",
            "ip_address=4:jnx.jet.common.IpAddress",
        ],
    );
    w.fields(&i("InterfaceUnit"), &["number=1:uint32"]);
    let o = "interface_object";
    for name in [
        "InterfaceAddRequest",
        "InterfaceUpdateRequest",
        "InterfaceGetRequest",
    ] {
        w.fields(
            &i(name),
            &[
                "type=1:jnx.jet.interfaces.InterfaceType",
                &format!("interfaces=2:jnx.jet.interfaces.InterfaceConfig@{o}"),
                &format!("unit=3:jnx.jet.interfaces.InterfaceUnitConfig@{o}"),
                &format!("family=4:jnx.jet.interfaces.InterfaceFamilyConfig@{o}"),
                &format!("address=5:jnx.jet.interfaces.InterfaceAddressConfig@{o}"),
                &format!("arp=6:jnx.jet.interfaces.InterfaceArpConfig@{o}"),
            ],
        );
    }
    w.fields(
        &i("InterfaceDeleteRequest"),
        &[
            "type=1:jnx.jet.interfaces.InterfaceType",
            &format!("interfaces=2:jnx.jet.interfaces.InterfaceDelete@{o}"),
            &format!("unit=3:jnx.jet.interfaces.InterfaceUnitDelete@{o}"),
            &format!("family=4:jnx.jet.interfaces.InterfaceFamilyDelete@{o}"),
            &format!("address=5:jnx.jet.interfaces.InterfaceAddressDelete@{o}"),
            &format!("arp=6:jnx.jet.interfaces.InterfaceArpDelete@{o}"),
        ],
    );
    for name in [
        "InterfaceAddResponse",
        "InterfaceUpdateResponse",
        "InterfaceDeleteResponse",
    ] {
        w.fields(
            &i(name),
            &[
                "status=1:jnx.jet.common.RpcStatus",
                &format!("sub_code=2:jnx.jet.interfaces.{name}.StatusCode"),
            ],
        );
    }
    w.enum_values(
        &i("InterfaceType"),
        &[
            ("TYPE_INTERFACE_OBJECT", 0),
            ("TYPE_INTERFACE_UNIT_OBJECT", 1),
            ("TYPE_INTERFACE_FAMILY_OBJECT", 2),
            ("TYPE_INTERFACE_ADDRESS_OBJECT", 3),
            ("TYPE_INTERFACE_ARP_OBJECT", 4),
        ],
    );
    let add = &w.enums[&i("InterfaceAddResponse.StatusCode")];
    assert_eq!(add.value.len(), 43);
    for (k, v) in add.value.iter().enumerate() {
        assert_eq!(v.number(), k as i32, "InterfaceAddResponse.StatusCode");
    }
    assert_eq!(add.value[24].name(), "OPERATION_FAILED");
    let delete = &w.enums[&i("InterfaceDeleteResponse.StatusCode")];
    assert_eq!(delete.value.len(), 10);
    assert_eq!(delete.value[9].name(), "OBJECT_NOT_FOUND");
    let get = &w.enums[&i("InterfaceGetResponse.StatusCode")];
    assert_eq!(get.value[1].name(), "OBJECT_NOT_FOUND");
    assert_eq!(get.value[1].number(), 1);
}

#[test]
fn address_families_differ_between_generations() {
    let w = wire();
    w.enum_values(
        "jnx.jet.common.AfType",
        &[
            ("AF_UNSPECIFIED", 0),
            ("AF_INET", 1),
            ("AF_INET6", 2),
            ("AF_MAC", 3),
            ("AF_MPLS", 4),
            ("AF_ISO", 5),
        ],
    );
    w.enum_values(
        "jnxBase.AfType",
        &[
            ("AF_UNSPECIFIED", 0),
            ("AF_INET", 1),
            ("AF_INET6", 2),
            ("AF_MAC", 3),
        ],
    );
    // Same request, different bytes: family INET is 2 in dcd, 1 in jnx.
    let old = legacy::interface::InterfaceAddressConfig {
        port_name: "ge-0/0/0".into(),
        ifl_unit: Some(legacy::interface::Value32 { unit: 0 }),
        family: legacy::interface::FamilyType::IntfAfInet as i32,
        interface_address: Some(legacy::interface::IpAddress {
            addr_format: Some(legacy::interface::ip_address::AddrFormat::AddrString(
                "10.0.0.1/24".into(),
            )),
        }),
        ..Default::default()
    }
    .encode_to_vec();
    let new = jnx::interfaces::InterfaceAddressConfig {
        port_name: "ge-0/0/0".into(),
        unit: Some(jnx::interfaces::InterfaceUnit { number: 0 }),
        family: jnx::common::AfType::AfInet as i32,
        ip_address: Some(jnx::common::IpAddress {
            addr_format: Some(jnx::common::ip_address::AddrFormat::AddrString(
                "10.0.0.1/24".into(),
            )),
        }),
        ..Default::default()
    }
    .encode_to_vec();
    let prefix = b"\x0a\x08ge-0/0/0\x12\x00\x18";
    let address = b"\x22\x0d\x0a\x0b10.0.0.1/24";
    assert_eq!(old, [&prefix[..], b"\x02", address].concat());
    assert_eq!(new, [&prefix[..], b"\x01", address].concat());
}

// ---------------------------------------------------------------- management

#[test]
fn legacy_management() {
    let w = wire();
    w.service(
        "management.ManagementRpcApi",
        &[
            (
                "ExecuteOpCommand",
                "ExecuteOpCommandRequest",
                "ExecuteOpCommandResponse",
                Server,
            ),
            (
                "ExecuteCfgCommand",
                "ExecuteCfgCommandRequest",
                "ExecuteCfgCommandResponse",
                Unary,
            ),
            (
                "GetEphemeralConfig",
                "GetEphemeralConfigRequest",
                "GetEphemeralConfigResponse",
                Unary,
            ),
            (
                "EditEphemeralConfig",
                "EditEphemeralConfigRequest",
                "EditEphemeralConfigResponse",
                Unary,
            ),
        ],
    );
    w.fields(
        "management.ExecuteOpCommandRequest",
        &[
            "request_id=1:uint64",
            "cli_command=2:string@command",
            "xml_command=3:string@command",
            "json_command=4:string@command",
            "out_format=5:management.OperationFormatType",
        ],
    );
    w.fields(
        "management.ExecuteOpCommandResponse",
        &[
            "request_id=1:uint64",
            "data=2:string",
            "status=3:management.JunosRpcResponseTypes",
            "message=4:string",
        ],
    );
    w.fields(
        "management.ExecuteCfgCommandRequest",
        &[
            "request_id=1:uint64",
            "xml_config=2:string@config",
            "json_config=3:string@config",
            "text_config=4:string@config",
            "load_type=5:management.ConfigLoadType",
            "commit=6:management.ConfigCommit",
        ],
    );
    // commit_type: SYNCHRONIZE=0, COMMIT=1; the enum's name is not in the facts.
    w.fields(
        "management.ConfigCommit",
        &["commit_type=1:int32", "comment=2:string"],
    );
    w.enum_values(
        "management.OperationFormatType",
        &[("JSON", 0), ("XML", 1), ("CLI", 2)],
    );
    w.enum_values(
        "management.ConfigLoadType",
        &[
            ("REPLACE", 0),
            ("MERGE", 1),
            ("OVERRIDE", 2),
            ("UPDATE", 3),
            ("SET", 4),
        ],
    );
    w.enum_values(
        "management.JunosRpcResponseTypes",
        &[
            ("SUCCESS", 0),
            ("NOK", 1),
            ("UNSUPPORTED_PATH", 2),
            ("INVALID_PATH", 3),
            ("INVALID_CONFIGURATION", 4),
            ("UNSUPPORTED_ENCODING", 5),
        ],
    );
}

#[test]
fn jnx_management() {
    let w = wire();
    w.service(
        "jnx.jet.management.Management",
        &[
            (
                "OpCommandGet",
                "OpCommandGetRequest",
                "OpCommandGetResponse",
                Server,
            ),
            ("ConfigSet", "ConfigSetRequest", "ConfigSetResponse", Unary),
            (
                "EphemeralConfigGet",
                "EphemeralConfigGetRequest",
                "EphemeralConfigGetResponse",
                Unary,
            ),
            (
                "EphemeralConfigSet",
                "EphemeralConfigSetRequest",
                "EphemeralConfigSetResponse",
                Unary,
            ),
        ],
    );
    w.fields(
        "jnx.jet.management.OpCommandGetRequest",
        &[
            "cli_command=1:string@command",
            "xml_command=2:string@command",
            "out_format=3:jnx.jet.management.OpCommandOutputFormat",
        ],
    );
    w.fields(
        "jnx.jet.management.OpCommandGetResponse",
        &["status=1:jnx.jet.common.RpcStatus", "data=3:string"],
    );
    w.reserved("jnx.jet.management.OpCommandGetResponse", &[2]);
    w.fields(
        "jnx.jet.management.ConfigSetRequest",
        &[
            "xml_config=1:string@config",
            "json_config=2:string@config",
            "text_config=3:string@config",
            "load_type=4:jnx.jet.management.ConfigLoadType",
            "commit=5:jnx.jet.management.ConfigCommit",
        ],
    );
    w.fields(
        "jnx.jet.management.ConfigCommit",
        &[
            "type=1:jnx.jet.management.ConfigCommitType",
            "comment=2:string",
        ],
    );
    w.fields(
        "jnx.jet.management.ConfigSetResponse",
        &["status=1:jnx.jet.common.RpcStatus"],
    );
    w.reserved("jnx.jet.management.ConfigSetResponse", &[2]);
    w.fields(
        "jnx.jet.management.EphemeralConfigSetRequest.ConfigOperation",
        &[
            "id=1:string",
            "operation=2:jnx.jet.management.ConfigOperationType",
            "path=3:string",
            "xml_config=4:string@value",
            "json_config=5:string@value",
        ],
    );
    w.enum_values(
        "jnx.jet.management.OpCommandOutputFormat",
        &[
            ("OP_COMMAND_OUTPUT_JSON", 0),
            ("OP_COMMAND_OUTPUT_XML", 1),
            ("OP_COMMAND_OUTPUT_CLI", 2),
        ],
    );
    // MERGE is 0 here, REPLACE is 0 in legacy management.
    w.enum_values(
        "jnx.jet.management.ConfigLoadType",
        &[
            ("CONFIG_LOAD_MERGE", 0),
            ("CONFIG_LOAD_REPLACE", 1),
            ("CONFIG_LOAD_OVERRIDE", 2),
            ("CONFIG_LOAD_UPDATE", 3),
            ("CONFIG_LOAD_SET", 4),
        ],
    );
    w.enum_values(
        "jnx.jet.management.ConfigCommitType",
        &[("CONFIG_COMMIT", 0), ("CONFIG_COMMIT_SYNCHRONIZE", 1)],
    );
}

// ---------------------------------------------------------------- generated code

/// The generated servers name themselves like the facts' method paths.
#[test]
fn generated_service_names() {
    assert_eq!(
        legacy::authentication::login_server::SERVICE_NAME,
        "authentication.Login"
    );
    assert_eq!(
        legacy::acl::acl_service_server::SERVICE_NAME,
        "acl.AclService"
    );
    assert_eq!(
        legacy::interface::interfaces_service_server::SERVICE_NAME,
        "interface.InterfacesService"
    );
    assert_eq!(
        legacy::management::management_rpc_api_server::SERVICE_NAME,
        "management.ManagementRpcApi"
    );
    assert_eq!(
        jnx::authentication::authentication_server::SERVICE_NAME,
        "jnx.jet.authentication.Authentication"
    );
    assert_eq!(
        jnx::firewall::firewall_server::SERVICE_NAME,
        "jnx.jet.firewall.Firewall"
    );
    assert_eq!(
        jnx::interfaces::interfaces_server::SERVICE_NAME,
        "jnx.jet.interfaces.Interfaces"
    );
    assert_eq!(
        jnx::management::management_server::SERVICE_NAME,
        "jnx.jet.management.Management"
    );
}

/// The generated client and server talk over a real loopback socket,
/// including a server-streaming RPC.
#[tokio::test]
async fn generated_client_and_server_round_trip() {
    use jnx::management::management_server::{Management, ManagementServer};
    use jnx::management::*;
    use legacy::authentication::login_server::{Login, LoginServer};
    use legacy::authentication::{LoginReply, LoginRequest};
    use tonic::codegen::tokio_stream;
    use tonic::{Request, Response, Status};

    struct Device;

    #[tonic::async_trait]
    impl Login for Device {
        async fn login_check(
            &self,
            request: Request<LoginRequest>,
        ) -> Result<Response<LoginReply>, Status> {
            let r = request.into_inner();
            Ok(Response::new(LoginReply {
                result: r.user_name == "u" && r.password == "p",
            }))
        }
    }

    type OpStream = std::pin::Pin<
        Box<dyn tokio_stream::Stream<Item = Result<OpCommandGetResponse, Status>> + Send>,
    >;

    #[tonic::async_trait]
    impl Management for Device {
        type OpCommandGetStream = OpStream;
        async fn op_command_get(
            &self,
            request: Request<OpCommandGetRequest>,
        ) -> Result<Response<OpStream>, Status> {
            let Some(op_command_get_request::Command::CliCommand(cli)) =
                request.into_inner().command
            else {
                return Err(Status::invalid_argument("cli_command expected"));
            };
            let parts = ["<output>", cli.as_str(), "</output>"].map(|data| {
                Ok(OpCommandGetResponse {
                    status: None,
                    data: data.to_string(),
                })
            });
            Ok(Response::new(Box::pin(tokio_stream::iter(parts))))
        }
        async fn config_set(
            &self,
            _: Request<ConfigSetRequest>,
        ) -> Result<Response<ConfigSetResponse>, Status> {
            Err(Status::unimplemented("test"))
        }
        async fn ephemeral_config_get(
            &self,
            _: Request<EphemeralConfigGetRequest>,
        ) -> Result<Response<EphemeralConfigGetResponse>, Status> {
            Err(Status::unimplemented("test"))
        }
        async fn ephemeral_config_set(
            &self,
            _: Request<EphemeralConfigSetRequest>,
        ) -> Result<Response<EphemeralConfigSetResponse>, Status> {
            Err(Status::unimplemented("test"))
        }
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(
        tonic::transport::Server::builder()
            .add_service(LoginServer::new(Device))
            .add_service(ManagementServer::new(Device))
            .serve_with_incoming_shutdown(
                tonic::transport::server::TcpIncoming::from(listener),
                async {
                    let _ = stopped.await;
                },
            ),
    );

    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect_timeout(std::time::Duration::from_secs(5))
        .timeout(std::time::Duration::from_secs(5))
        .connect()
        .await
        .unwrap();

    let mut login = legacy::authentication::login_client::LoginClient::new(channel.clone());
    let reply = login
        .login_check(LoginRequest {
            user_name: "u".into(),
            password: "p".into(),
            client_id: "c".into(),
            group_id: String::new(),
        })
        .await
        .unwrap()
        .into_inner();
    assert!(reply.result);

    let mut mgmt = management_client::ManagementClient::new(channel);
    let mut stream = mgmt
        .op_command_get(OpCommandGetRequest {
            command: Some(op_command_get_request::Command::CliCommand(
                "show version".into(),
            )),
            out_format: OpCommandOutputFormat::OpCommandOutputXml as i32,
        })
        .await
        .unwrap()
        .into_inner();
    let mut parts = Vec::new();
    while let Some(part) = stream.message().await.unwrap() {
        parts.push(part.data);
    }
    assert_eq!(parts, ["<output>", "show version", "</output>"]);

    // The jnx authentication service is not served here: the path differs.
    let status = jnx::authentication::authentication_client::AuthenticationClient::new(
        tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
            .unwrap()
            .connect()
            .await
            .unwrap(),
    )
    .login(jnx::authentication::LoginRequest::default())
    .await
    .unwrap_err();
    assert_eq!(status.code(), tonic::Code::Unimplemented);

    stop.send(()).unwrap();
    server.await.unwrap().unwrap();
}
