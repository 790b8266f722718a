//! The refusals of the simulated device. Each service turns them into its
//! generation's wire answer (status enum, sub-code, message, gRPC status).

use std::fmt;

/// A request field the device needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The IFD name (`port_name`).
    PortName,
    /// The logical unit.
    Unit,
    /// The address family.
    Family,
    /// The IP address.
    Address,
    /// The filter (access list) name or message.
    Filter,
    /// The counter name.
    Counter,
    /// The bind point.
    BindPoint,
    /// The bind direction.
    Direction,
    /// The policer name.
    Policer,
    /// The term name.
    Term,
    /// The operational command.
    Command,
    /// The configuration.
    Config,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::PortName => "port name",
            Field::Unit => "unit",
            Field::Family => "family",
            Field::Address => "ip address",
            Field::Filter => "filter",
            Field::Counter => "counter name",
            Field::BindPoint => "bind point",
            Field::Direction => "bind direction",
            Field::Policer => "policer name",
            Field::Term => "term name",
            Field::Command => "command",
            Field::Config => "configuration",
        }
    }
}

/// Why the device refused a request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DeviceError {
    /// A required field is missing or zero.
    Missing(Field),
    /// The request is malformed in another way.
    InvalidMessage(String),
    /// Wrong user name or password.
    BadCredentials,
    /// The client id is held by another live connection.
    ClientIdInUse(String),
    /// No such filter (of that family).
    UnknownFilter(String),
    /// A filter of that name exists already.
    FilterExists(String),
    /// The filter is bound; unbind it before deleting it.
    FilterBound(String),
    /// The same bind exists already.
    BindExists(String),
    /// The filter is not bound there.
    NotBound(String),
    /// No such interface or unit (`ge-0/0/9`, `ge-0/0/0.7`).
    UnknownInterface(String),
    /// The unit exists already.
    UnitExists(String),
    /// No such counter in the filter.
    UnknownCounter {
        /// The filter.
        filter: String,
        /// The counter asked for.
        counter: String,
    },
    /// No such term in the filter.
    UnknownTerm {
        /// The filter.
        filter: String,
        /// The term.
        term: String,
    },
    /// A term of that name exists already in the filter.
    TermExists {
        /// The filter.
        filter: String,
        /// The term.
        term: String,
    },
    /// No such policer.
    UnknownPolicer(String),
    /// A policer of that name exists already.
    PolicerExists(String),
    /// A filter still uses the policer.
    PolicerInUse {
        /// The policer.
        policer: String,
        /// A filter that uses it.
        filter: String,
    },
    /// The address is configured already.
    AddressExists(String),
    /// No such address.
    AddressNotFound(String),
    /// The address does not belong to the family given with it.
    FamilyMismatch(String),
    /// The object in the request is not of the request's type.
    ObjectMismatch(String),
    /// The purge timer is outside 1–1000 s.
    PurgeTimerOutOfRange(u32),
    /// The simulator (or the device) does not do this.
    Unsupported(String),
    /// The operational command is unknown.
    UnknownCommand(String),
    /// The configuration does not load.
    InvalidConfiguration(String),
}

impl DeviceError {
    /// Whether the refusal means "not supported" rather than "bad request".
    pub fn is_unsupported(&self) -> bool {
        matches!(self, DeviceError::Unsupported(_))
    }
}

impl fmt::Display for DeviceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeviceError::Missing(field) => write!(f, "{} not specified", field.name()),
            DeviceError::InvalidMessage(why) => write!(f, "invalid message: {why}"),
            DeviceError::BadCredentials => write!(f, "Authentication failed"),
            DeviceError::ClientIdInUse(id) => {
                write!(f, "JGrpcServer: Client Id {id} already exists")
            }
            DeviceError::UnknownFilter(name) => write!(f, "filter {name} not found"),
            DeviceError::FilterExists(name) => write!(f, "filter {name} already exists"),
            DeviceError::FilterBound(name) => {
                write!(f, "filter {name} is bound; unbind it before deleting it")
            }
            DeviceError::BindExists(what) => write!(f, "{what} is already bound"),
            DeviceError::NotBound(what) => write!(f, "{what} is not bound"),
            DeviceError::UnknownInterface(name) => write!(f, "interface {name} not found"),
            DeviceError::UnitExists(name) => write!(f, "interface {name} already exists"),
            DeviceError::UnknownCounter { filter, counter } => {
                write!(f, "counter {counter} not found in filter {filter}")
            }
            DeviceError::UnknownTerm { filter, term } => {
                write!(f, "term {term} not found in filter {filter}")
            }
            DeviceError::TermExists { filter, term } => {
                write!(f, "term {term} already exists in filter {filter}")
            }
            DeviceError::UnknownPolicer(name) => write!(f, "policer {name} not found"),
            DeviceError::PolicerExists(name) => write!(f, "policer {name} already exists"),
            DeviceError::PolicerInUse { policer, filter } => {
                write!(f, "policer {policer} is used by filter {filter}")
            }
            DeviceError::AddressExists(what) => write!(f, "address {what} already exists"),
            DeviceError::AddressNotFound(what) => write!(f, "address {what} not found"),
            DeviceError::FamilyMismatch(what) => write!(f, "family mismatch: {what}"),
            DeviceError::ObjectMismatch(what) => write!(f, "object mismatch: {what}"),
            DeviceError::PurgeTimerOutOfRange(n) => {
                write!(f, "purge timer {n} out of range (1-1000 seconds)")
            }
            DeviceError::Unsupported(what) => write!(f, "{what} is not supported"),
            DeviceError::UnknownCommand(cmd) => {
                write!(f, "syntax error, expecting <command>: {cmd}")
            }
            DeviceError::InvalidConfiguration(why) => {
                write!(f, "configuration check-out failed: {why}")
            }
        }
    }
}

impl std::error::Error for DeviceError {}
