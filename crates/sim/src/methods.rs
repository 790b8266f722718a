//! The full gRPC method paths the simulator serves (as recorded by the
//! [`super::Recorder`]).

/// The legacy IDL (`authentication`, `acl`, `interface`, `management`).
pub mod legacy {
    /// `authentication.Login/LoginCheck`.
    pub const LOGIN_CHECK: &str = "/authentication.Login/LoginCheck";

    /// `acl.AclService/AccessListAdd`.
    pub const ACCESS_LIST_ADD: &str = "/acl.AclService/AccessListAdd";
    /// `acl.AclService/AccessListDelete`.
    pub const ACCESS_LIST_DELETE: &str = "/acl.AclService/AccessListDelete";
    /// `acl.AclService/AccessListChange`.
    pub const ACCESS_LIST_CHANGE: &str = "/acl.AclService/AccessListChange";
    /// `acl.AclService/AccessListBindAdd`.
    pub const ACCESS_LIST_BIND_ADD: &str = "/acl.AclService/AccessListBindAdd";
    /// `acl.AclService/AccessListBindDelete`.
    pub const ACCESS_LIST_BIND_DELETE: &str = "/acl.AclService/AccessListBindDelete";
    /// `acl.AclService/AccessListPolicerAdd`.
    pub const ACCESS_LIST_POLICER_ADD: &str = "/acl.AclService/AccessListPolicerAdd";
    /// `acl.AclService/AccessListPolicerReplace`.
    pub const ACCESS_LIST_POLICER_REPLACE: &str = "/acl.AclService/AccessListPolicerReplace";
    /// `acl.AclService/AccessListPolicerDelete`.
    pub const ACCESS_LIST_POLICER_DELETE: &str = "/acl.AclService/AccessListPolicerDelete";
    /// `acl.AclService/AccessListPileupStart`.
    pub const ACCESS_LIST_PILEUP_START: &str = "/acl.AclService/AccessListPileupStart";
    /// `acl.AclService/AccessListPileupEnd`.
    pub const ACCESS_LIST_PILEUP_END: &str = "/acl.AclService/AccessListPileupEnd";
    /// `acl.AclService/AccessListCounterGet`.
    pub const ACCESS_LIST_COUNTER_GET: &str = "/acl.AclService/AccessListCounterGet";
    /// `acl.AclService/AccessListPolicerCounterGet`.
    pub const ACCESS_LIST_POLICER_COUNTER_GET: &str = "/acl.AclService/AccessListPolicerCounterGet";
    /// `acl.AclService/AccessListCounterClear`.
    pub const ACCESS_LIST_COUNTER_CLEAR: &str = "/acl.AclService/AccessListCounterClear";
    /// `acl.AclService/AccessListCounterBulkGet`.
    pub const ACCESS_LIST_COUNTER_BULK_GET: &str = "/acl.AclService/AccessListCounterBulkGet";
    /// `acl.AclService/AccessListPolicerCounterBulkGet`.
    pub const ACCESS_LIST_POLICER_COUNTER_BULK_GET: &str =
        "/acl.AclService/AccessListPolicerCounterBulkGet";

    /// `interface.InterfacesService/InterfaceCreate`.
    pub const INTERFACE_CREATE: &str = "/interface.InterfacesService/InterfaceCreate";
    /// `interface.InterfacesService/InterfaceDelete`.
    pub const INTERFACE_DELETE: &str = "/interface.InterfacesService/InterfaceDelete";
    /// `interface.InterfacesService/InterfaceLogicalCreate`.
    pub const INTERFACE_LOGICAL_CREATE: &str =
        "/interface.InterfacesService/InterfaceLogicalCreate";
    /// `interface.InterfacesService/InterfaceLogicalDelete`.
    pub const INTERFACE_LOGICAL_DELETE: &str =
        "/interface.InterfacesService/InterfaceLogicalDelete";
    /// `interface.InterfacesService/InterfaceFamilyCreate`.
    pub const INTERFACE_FAMILY_CREATE: &str = "/interface.InterfacesService/InterfaceFamilyCreate";
    /// `interface.InterfacesService/InterfaceFamilyDelete`.
    pub const INTERFACE_FAMILY_DELETE: &str = "/interface.InterfacesService/InterfaceFamilyDelete";
    /// `interface.InterfacesService/InterfaceAddressCreate`.
    pub const INTERFACE_ADDRESS_CREATE: &str =
        "/interface.InterfacesService/InterfaceAddressCreate";
    /// `interface.InterfacesService/InterfaceAddressDelete`.
    pub const INTERFACE_ADDRESS_DELETE: &str =
        "/interface.InterfacesService/InterfaceAddressDelete";
    /// `interface.InterfacesService/InterfaceRTAddressCreate`.
    pub const INTERFACE_RT_ADDRESS_CREATE: &str =
        "/interface.InterfacesService/InterfaceRTAddressCreate";
    /// `interface.InterfacesService/InterfaceRTAddressDelete`.
    pub const INTERFACE_RT_ADDRESS_DELETE: &str =
        "/interface.InterfacesService/InterfaceRTAddressDelete";

    /// `management.ManagementRpcApi/ExecuteOpCommand`.
    pub const EXECUTE_OP_COMMAND: &str = "/management.ManagementRpcApi/ExecuteOpCommand";
    /// `management.ManagementRpcApi/ExecuteCfgCommand`.
    pub const EXECUTE_CFG_COMMAND: &str = "/management.ManagementRpcApi/ExecuteCfgCommand";
    /// `management.ManagementRpcApi/GetEphemeralConfig`.
    pub const GET_EPHEMERAL_CONFIG: &str = "/management.ManagementRpcApi/GetEphemeralConfig";
    /// `management.ManagementRpcApi/EditEphemeralConfig`.
    pub const EDIT_EPHEMERAL_CONFIG: &str = "/management.ManagementRpcApi/EditEphemeralConfig";
}

/// The newer IDL (`jnx.jet.*`).
pub mod jnx {
    /// `jnx.jet.authentication.Authentication/Login`.
    pub const LOGIN: &str = "/jnx.jet.authentication.Authentication/Login";

    /// `jnx.jet.firewall.Firewall/FilterAdd`.
    pub const FILTER_ADD: &str = "/jnx.jet.firewall.Firewall/FilterAdd";
    /// `jnx.jet.firewall.Firewall/FilterDelete`.
    pub const FILTER_DELETE: &str = "/jnx.jet.firewall.Firewall/FilterDelete";
    /// `jnx.jet.firewall.Firewall/FilterModify`.
    pub const FILTER_MODIFY: &str = "/jnx.jet.firewall.Firewall/FilterModify";
    /// `jnx.jet.firewall.Firewall/FilterBindAdd`.
    pub const FILTER_BIND_ADD: &str = "/jnx.jet.firewall.Firewall/FilterBindAdd";
    /// `jnx.jet.firewall.Firewall/FilterBindDelete`.
    pub const FILTER_BIND_DELETE: &str = "/jnx.jet.firewall.Firewall/FilterBindDelete";
    /// `jnx.jet.firewall.Firewall/PolicerAdd`.
    pub const POLICER_ADD: &str = "/jnx.jet.firewall.Firewall/PolicerAdd";
    /// `jnx.jet.firewall.Firewall/PolicerModify`.
    pub const POLICER_MODIFY: &str = "/jnx.jet.firewall.Firewall/PolicerModify";
    /// `jnx.jet.firewall.Firewall/PolicerDelete`.
    pub const POLICER_DELETE: &str = "/jnx.jet.firewall.Firewall/PolicerDelete";
    /// `jnx.jet.firewall.Firewall/FilterCounterGet`.
    pub const FILTER_COUNTER_GET: &str = "/jnx.jet.firewall.Firewall/FilterCounterGet";
    /// `jnx.jet.firewall.Firewall/PolicerCounterGet`.
    pub const POLICER_COUNTER_GET: &str = "/jnx.jet.firewall.Firewall/PolicerCounterGet";
    /// `jnx.jet.firewall.Firewall/FilterCounterSet`.
    pub const FILTER_COUNTER_SET: &str = "/jnx.jet.firewall.Firewall/FilterCounterSet";
    /// `jnx.jet.firewall.Firewall/PolicerCounterSet`.
    pub const POLICER_COUNTER_SET: &str = "/jnx.jet.firewall.Firewall/PolicerCounterSet";
    /// `jnx.jet.firewall.Firewall/FiltersPurgeTimerAdd`.
    pub const FILTERS_PURGE_TIMER_ADD: &str = "/jnx.jet.firewall.Firewall/FiltersPurgeTimerAdd";
    /// `jnx.jet.firewall.Firewall/FiltersPurgeTimerDelete`.
    pub const FILTERS_PURGE_TIMER_DELETE: &str =
        "/jnx.jet.firewall.Firewall/FiltersPurgeTimerDelete";
    /// `jnx.jet.firewall.Firewall/FiltersPurgeTimerGet`.
    pub const FILTERS_PURGE_TIMER_GET: &str = "/jnx.jet.firewall.Firewall/FiltersPurgeTimerGet";

    /// `jnx.jet.interfaces.Interfaces/InterfaceAdd`.
    pub const INTERFACE_ADD: &str = "/jnx.jet.interfaces.Interfaces/InterfaceAdd";
    /// `jnx.jet.interfaces.Interfaces/InterfaceUpdate`.
    pub const INTERFACE_UPDATE: &str = "/jnx.jet.interfaces.Interfaces/InterfaceUpdate";
    /// `jnx.jet.interfaces.Interfaces/InterfaceDelete`.
    pub const INTERFACE_DELETE: &str = "/jnx.jet.interfaces.Interfaces/InterfaceDelete";
    /// `jnx.jet.interfaces.Interfaces/InterfaceGet`.
    pub const INTERFACE_GET: &str = "/jnx.jet.interfaces.Interfaces/InterfaceGet";
    /// `jnx.jet.interfaces.Interfaces/InterfaceUnitPermissionsGet`.
    pub const INTERFACE_UNIT_PERMISSIONS_GET: &str =
        "/jnx.jet.interfaces.Interfaces/InterfaceUnitPermissionsGet";

    /// `jnx.jet.management.Management/OpCommandGet`.
    pub const OP_COMMAND_GET: &str = "/jnx.jet.management.Management/OpCommandGet";
    /// `jnx.jet.management.Management/ConfigSet`.
    pub const CONFIG_SET: &str = "/jnx.jet.management.Management/ConfigSet";
    /// `jnx.jet.management.Management/EphemeralConfigGet`.
    pub const EPHEMERAL_CONFIG_GET: &str = "/jnx.jet.management.Management/EphemeralConfigGet";
    /// `jnx.jet.management.Management/EphemeralConfigSet`.
    pub const EPHEMERAL_CONFIG_SET: &str = "/jnx.jet.management.Management/EphemeralConfigSet";
}
