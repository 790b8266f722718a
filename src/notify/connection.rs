//! The network task of a notification session.
//!
//! libjet uses rumqttc's MQTT 3.1.1 packet codec but drives the connection
//! itself instead of using rumqttc's `EventLoop`, because that loop (0.25.1)
//! cannot bind a source address (the device's `allow-clients` checks it), spins
//! without backoff when the broker is down, and does not restore subscriptions.
//! Here the task connects the socket itself (binding the source address when
//! asked), backs off between attempts, resubscribes every filter after each
//! connect, reads the socket as fast as the broker sends (so Mosquitto never
//! drops for a slow reader; in a backlog, in gathered reads: `gather.rs`),
//! and hands messages to bounded queues. PUBLISH
//! packets, nearly all a device sends, are read by `publish.rs` without a
//! copy of their topic; rumqttc reads the rest.

use super::core::{Command, Core, Item};
use super::gather::{Gather, GATHER_BYTES};
use super::publish::{self, Publish, Taken};
use super::queue::Message;
use super::redelivery::Redelivery;
use super::registry::{route, RouteTable};
use super::stats::ConnectionState;
use crate::error::{Error, ErrorKind, Result};
use crate::jet_log;
use crate::logging::Level;
use crate::net::{self, Stream};
use bytes::{Buf, BytesMut};
use rumqttc::mqttbytes::{self, QoS};
use rumqttc::{ConnectReturnCode, Packet, SubscribeReasonCode};
use std::collections::HashMap;
use std::os::fd::RawFd;
use std::sync::atomic::Ordering;
use std::sync::mpsc::SyncSender;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::sync::oneshot;
use tokio::time::timeout;

/// Bytes read from the socket at a time, at most.
const READ_CHUNK: usize = 64 * 1024;
/// Filters per SUBSCRIBE packet when restoring subscriptions.
const FILTERS_PER_PACKET: usize = 64;
/// What a CONNACK that is no MQTT most likely means.
const NOT_MQTT: &str = " (this port does not speak MQTT: is it the JET gRPC port? \
                        Notifications come from the device's MQTT port, 1883 by default)";

/// An established MQTT connection and what was read past the CONNACK.
struct Connection {
    stream: Box<dyn Stream>,
    /// The TCP socket under `stream`, for read gathering.
    socket: RawFd,
    input: BytesMut,
}

/// Why [`drive`] returned.
enum Ended {
    Closed,
    Lost(String),
}

/// Runs a session's connection until it is closed. `opened` receives the result
/// of the first connection attempt; `done` is signalled when the task ends.
pub(crate) async fn run(
    core: Arc<Core>,
    mut commands: UnboundedReceiver<Command>,
    opened: oneshot::Sender<Result<()>>,
    done: SyncSender<()>,
) {
    let mut opened = Some(opened);
    let mut failures: u32 = 0;
    // Kept across reconnects: the broker resends what it saw no PUBACK for.
    let mut redelivery = Redelivery::new(resends(&core));
    'session: loop {
        let attempt = connect(&core);
        tokio::pin!(attempt);
        let result = loop {
            tokio::select! {
                result = &mut attempt => break result,
                command = commands.recv() => if !while_offline(command) { break 'session },
            }
        };
        match result {
            Ok(connection) => {
                // The state changes before `open` returns, so the first
                // Connected is never reported to a state callback set later.
                core.set_state(ConnectionState::Connected);
                if opened.take().map(|tx| tx.send(Ok(()))).is_none() {
                    core.counters.reconnects.fetch_add(1, Ordering::Relaxed);
                }
                failures = 0;
                match drive(&core, connection, &mut commands, &mut redelivery).await {
                    Ended::Closed => break 'session,
                    Ended::Lost(why) => {
                        jet_log!(
                            Level::Warn,
                            "notify",
                            "session {}: connection lost ({why}); reconnecting",
                            core.client_id
                        );
                        core.set_state(ConnectionState::Reconnecting);
                    }
                }
            }
            Err(error) => {
                if let Some(tx) = opened.take() {
                    let _ = tx.send(Err(error));
                    break 'session;
                }
                jet_log!(
                    Level::Warn,
                    "notify",
                    "session {}: reconnect failed: {error}",
                    core.client_id
                );
                failures = failures.saturating_add(1);
            }
        }
        let pause = tokio::time::sleep(backoff(&core, failures));
        tokio::pin!(pause);
        loop {
            tokio::select! {
                _ = &mut pause => break,
                command = commands.recv() => if !while_offline(command) { break 'session },
            }
        }
    }
    let _ = done.send(());
}

/// Whether the broker resends unacknowledged events after a reconnect: a
/// persistent session subscribed with QoS 1.
fn resends(core: &Core) -> bool {
    !core.options.clean_session && core.options.qos == 1
}

/// Handles a command while disconnected; false means the task must end.
fn while_offline(command: Option<Command>) -> bool {
    match command {
        None | Some(Command::Close) => false,
        // The filter is in the registry: it is subscribed on the next connect.
        Some(Command::Subscribe { reply, .. }) => {
            if let Some(reply) = reply {
                let _ = reply.send(Ok(()));
            }
            true
        }
        Some(Command::Unsubscribe { .. }) => true,
    }
}

/// The delay before the next attempt: doubling from the minimum, capped, with jitter.
fn backoff(core: &Core, failures: u32) -> Duration {
    let min = core.options.reconnect_min;
    let max = core.options.reconnect_max;
    let grown = min.saturating_mul(1u32 << failures.min(16)).min(max);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    // 80% to 120% of the delay, so many clients do not reconnect in step.
    let percent = 80 + (nanos % 41);
    grown * percent / 100
}

async fn connect(core: &Core) -> Result<Connection> {
    let options = &core.options;
    match timeout(options.connect_timeout, handshake(core)).await {
        Ok(result) => result,
        Err(_) => Err(Error::new(
            ErrorKind::Timeout,
            format!(
                "no answer from {}:{} within {} ms",
                options.device,
                options.port,
                options.connect_timeout.as_millis()
            ),
        )),
    }
}

async fn handshake(core: &Core) -> Result<Connection> {
    let options = &core.options;
    let (mut stream, socket) = net::connect(
        &options.device,
        options.port,
        options.bind_address,
        core.tls.as_ref(),
    )
    .await?;

    let mut connect = rumqttc::Connect::new(core.client_id.clone());
    connect.keep_alive = options.keepalive.as_secs() as u16;
    connect.clean_session = options.clean_session;
    if let Some(user) = &options.user {
        let password = options.password.as_ref().map(|p| p.expose()).unwrap_or("");
        connect.set_login(user.clone(), password);
    }
    let mut output = BytesMut::new();
    encode(&Packet::Connect(connect), &mut output)?;
    write_out(&mut stream, &mut output, options.connect_timeout)
        .await
        .map_err(io_lost)?;

    let mut input = BytesMut::with_capacity(READ_CHUNK);
    loop {
        match Packet::read(&mut input, options.max_packet_size) {
            Ok(Packet::ConnAck(ack)) => {
                return match ack.code {
                    ConnectReturnCode::Success => {
                        jet_log!(
                            Level::Info,
                            "notify",
                            "session {}: connected to {}:{}{}",
                            core.client_id,
                            options.device,
                            options.port,
                            if core.tls.is_some() { " (tls)" } else { "" }
                        );
                        Ok(Connection {
                            stream,
                            socket,
                            input,
                        })
                    }
                    code => Err(refusal(code)),
                };
            }
            Ok(other) => {
                return Err(Error::new(
                    ErrorKind::Protocol,
                    format!("expected CONNACK from the broker, got {other:?}{NOT_MQTT}"),
                ))
            }
            Err(mqttbytes::Error::InsufficientBytes(_)) => {}
            Err(e) => {
                return Err(Error::new(
                    ErrorKind::Protocol,
                    format!("bad CONNACK: {e}{NOT_MQTT}"),
                ))
            }
        }
        input.reserve(READ_CHUNK);
        let read = stream.read_buf(&mut input).await.map_err(io_lost)?;
        if read == 0 {
            return Err(Error::new(
                ErrorKind::Unreachable,
                "the broker closed the connection during the MQTT handshake (is this client's address in allow-clients?)",
            ));
        }
    }
}

fn refusal(code: ConnectReturnCode) -> Error {
    match code {
        ConnectReturnCode::BadUserNamePassword => Error::new(
            ErrorKind::NotAuthorized,
            "the broker refused the user name or password",
        ),
        ConnectReturnCode::NotAuthorized => Error::new(
            ErrorKind::NotAuthorized,
            "the broker refused this client (not authorized)",
        ),
        ConnectReturnCode::BadClientId => Error::invalid("the broker refused the client id"),
        ConnectReturnCode::ServiceUnavailable => {
            Error::new(ErrorKind::Unreachable, "the broker is unavailable")
        }
        other => Error::new(
            ErrorKind::Protocol,
            format!("the broker refused the connection: {other:?}"),
        ),
    }
}

fn io_lost(e: std::io::Error) -> Error {
    Error::new(ErrorKind::Unreachable, format!("connection lost: {e}"))
}

fn encode(packet: &Packet, output: &mut BytesMut) -> Result<()> {
    packet.write(output, usize::MAX).map(|_| ()).map_err(|e| {
        Error::new(
            ErrorKind::Internal,
            format!("cannot encode {packet:?}: {e}"),
        )
    })
}

async fn write_out(
    stream: &mut Box<dyn Stream>,
    output: &mut BytesMut,
    limit: Duration,
) -> std::io::Result<()> {
    let write = async {
        stream.write_all(output).await?;
        stream.flush().await
    };
    let result = match timeout(limit, write).await {
        Ok(result) => result,
        Err(_) => Err(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "write timed out",
        )),
    };
    output.clear();
    result
}

/// A SUBSCRIBE in flight: its filters and who waits for its SUBACK.
struct PendingSubscribe {
    filters: Vec<String>,
    waiters: Vec<SyncSender<Result<()>>>,
}

/// The per-connection protocol state.
struct Link<'a> {
    core: &'a Arc<Core>,
    /// The session's acknowledged publishes, to recognise resent copies.
    redelivery: &'a mut Redelivery,
    output: BytesMut,
    next_packet_id: u16,
    /// SUBSCRIBEs awaiting their SUBACK, by packet id.
    pending_subscribes: HashMap<u16, PendingSubscribe>,
    /// Filters subscribed on this connection: `Some(id)` while awaiting
    /// SUBACK `id`, `None` once acknowledged. A filter already here is not
    /// sent again (a subscribe racing the resubscription after connect).
    filters: HashMap<String, Option<u16>>,
    ping_outstanding: bool,
    /// Whether reading paused (Overflow::Wait) since the last PINGREQ: its
    /// PINGRESP may then be unread, not missing.
    paused_since_ping: bool,
    /// Bytes of an oversized packet still to discard.
    skipping: usize,
    last_drop_warning: Option<Instant>,
}

impl<'a> Link<'a> {
    fn new(core: &'a Arc<Core>, redelivery: &'a mut Redelivery) -> Link<'a> {
        Link {
            core,
            redelivery,
            output: BytesMut::with_capacity(4096),
            next_packet_id: 0,
            pending_subscribes: HashMap::new(),
            filters: HashMap::new(),
            ping_outstanding: false,
            paused_since_ping: false,
            skipping: 0,
            last_drop_warning: None,
        }
    }

    fn packet_id(&mut self) -> u16 {
        self.next_packet_id = self.next_packet_id.checked_add(1).unwrap_or(1);
        self.next_packet_id
    }

    fn qos(&self) -> QoS {
        if self.core.options.qos == 1 {
            QoS::AtLeastOnce
        } else {
            QoS::AtMostOnce
        }
    }

    fn subscribe(
        &mut self,
        filters: &[String],
        reply: Option<SyncSender<Result<()>>>,
    ) -> Result<()> {
        let qos = self.qos();
        let mut packet = rumqttc::Subscribe::new_many(
            filters
                .iter()
                .map(|f| rumqttc::SubscribeFilter::new(f.clone(), qos)),
        );
        packet.pkid = self.packet_id();
        for filter in filters {
            self.filters.insert(filter.clone(), Some(packet.pkid));
        }
        self.pending_subscribes.insert(
            packet.pkid,
            PendingSubscribe {
                filters: filters.to_vec(),
                waiters: reply.into_iter().collect(),
            },
        );
        encode(&Packet::Subscribe(packet), &mut self.output)
    }

    /// Subscribes `filter` unless this connection already did or is doing so.
    fn subscribe_once(
        &mut self,
        filter: String,
        reply: Option<SyncSender<Result<()>>>,
    ) -> Result<()> {
        match self.filters.get(&filter) {
            None => self.subscribe(&[filter], reply),
            Some(None) => {
                if let Some(reply) = reply {
                    let _ = reply.send(Ok(()));
                }
                Ok(())
            }
            Some(Some(packet_id)) => {
                if let (Some(pending), Some(reply)) =
                    (self.pending_subscribes.get_mut(packet_id), reply)
                {
                    pending.waiters.push(reply);
                }
                Ok(())
            }
        }
    }

    fn command(&mut self, command: Command) -> Result<bool> {
        match command {
            Command::Subscribe { filter, reply } => {
                jet_log!(
                    Level::Debug,
                    "notify",
                    "session {}: subscribing {filter}",
                    self.core.client_id
                );
                self.subscribe_once(filter, reply)?;
            }
            Command::Unsubscribe { filter } => {
                self.filters.remove(&filter);
                let mut packet = rumqttc::Unsubscribe::new(filter);
                packet.pkid = self.packet_id();
                encode(&Packet::Unsubscribe(packet), &mut self.output)?;
            }
            Command::Close => {
                encode(&Packet::Disconnect, &mut self.output)?;
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Decodes every complete packet in `input`; routes messages to the queues.
    fn absorb(&mut self, input: &mut BytesMut) -> std::result::Result<(), String> {
        let core = self.core;
        let mut batch = Batch {
            routes: core.registry.routes(),
            ..Batch::default()
        };
        loop {
            if self.skipping > 0 {
                let n = self.skipping.min(input.len());
                input.advance(n);
                self.skipping -= n;
                if self.skipping > 0 {
                    break;
                }
            }
            match publish::take(input, core.options.max_packet_size) {
                Some(Taken::Publish(publish)) => {
                    self.accept(publish, &mut batch)?;
                    continue;
                }
                Some(Taken::TopicNotText) => {
                    batch.malformed(core, &"a topic that is not UTF-8");
                    continue;
                }
                None => {}
            }
            match Packet::read(input, core.options.max_packet_size) {
                Ok(Packet::Publish(publish)) => {
                    self.accept(Publish::from_rumqttc(publish), &mut batch)?
                }
                Ok(Packet::SubAck(ack)) => self.subscribed(ack),
                Ok(Packet::PingResp) => self.ping_outstanding = false,
                Ok(other) => {
                    jet_log!(
                        Level::Trace,
                        "notify",
                        "session {}: {other:?}",
                        core.client_id
                    )
                }
                Err(mqttbytes::Error::InsufficientBytes(_)) => break,
                Err(mqttbytes::Error::PayloadSizeLimitExceeded(length)) => {
                    batch.received += 1;
                    batch.dropped += 1;
                    self.skipping = frame_length(length);
                    jet_log!(
                        Level::Warn,
                        "notify",
                        "session {}: dropped a packet of {length} bytes, over max_packet_size {}",
                        core.client_id,
                        core.options.max_packet_size
                    );
                }
                Err(mqttbytes::Error::MalformedRemainingLength) => {
                    return Err("the broker sent a malformed packet length".into())
                }
                // The frame was consumed: skip it and go on.
                Err(e) => batch.malformed(core, &e),
            }
        }
        let Batch {
            mut to_callbacks,
            mut to_pull,
            received,
            mut dropped,
            repeats,
            ..
        } = batch;
        core.counters
            .received
            .fetch_add(received, Ordering::Relaxed);
        if repeats > 0 {
            jet_log!(
                Level::Debug,
                "notify",
                "session {}: acknowledged {repeats} resent event(s) already delivered",
                core.client_id
            );
        }
        if !to_callbacks.is_empty() {
            if core.is_inline() {
                core.deliver_inline(to_callbacks);
            } else {
                dropped += core.callbacks.push_batch(&mut to_callbacks);
                core.schedule();
            }
        }
        dropped += core.pulls.push_batch(&mut to_pull);
        if dropped > 0 {
            core.counters
                .dropped
                .fetch_add(dropped as u64, Ordering::Relaxed);
            self.warn_dropped();
        }
        Ok(())
    }

    /// Acknowledges a PUBLISH at QoS 1 and routes it into `batch`, unless it
    /// is the resent copy of one delivered before a cut.
    fn accept(&mut self, publish: Publish, batch: &mut Batch) -> std::result::Result<(), String> {
        batch.received += 1;
        if publish.qos == QoS::AtLeastOnce {
            let ack = rumqttc::PubAck::new(publish.pkid);
            encode(&Packet::PubAck(ack), &mut self.output).map_err(|e| e.to_string())?;
            let (id, dup) = (publish.pkid, publish.dup);
            if self
                .redelivery
                .is_repeat(id, dup, publish.topic.as_str(), &publish.payload)
            {
                // Delivered before the cut: acknowledged again only.
                batch.repeats += 1;
                return Ok(());
            }
        }
        let way = route(&batch.routes, &publish.topic);
        if way.callback && way.pull {
            batch.to_pull.push(Message {
                topic: publish.topic.clone(),
                payload: publish.payload.clone(),
                counts_parse_error: false,
            });
        }
        let message = Message {
            topic: publish.topic,
            payload: publish.payload,
            counts_parse_error: true,
        };
        if way.callback {
            batch.to_callbacks.push(Item::Message(message));
        } else if way.pull {
            batch.to_pull.push(message);
        }
        Ok(())
    }

    fn warn_dropped(&mut self) {
        let now = Instant::now();
        if self
            .last_drop_warning
            .is_some_and(|t| now - t < Duration::from_secs(1))
        {
            return;
        }
        self.last_drop_warning = Some(now);
        jet_log!(
            Level::Warn,
            "notify",
            "session {}: the application is slower than the device; {} events dropped so far",
            self.core.client_id,
            self.core.counters.dropped.load(Ordering::Relaxed)
        );
    }

    fn subscribed(&mut self, ack: rumqttc::SubAck) {
        let refused = ack
            .return_codes
            .iter()
            .any(|c| matches!(c, SubscribeReasonCode::Failure));
        if refused {
            jet_log!(
                Level::Warn,
                "notify",
                "session {}: the broker refused a subscription",
                self.core.client_id
            );
        }
        let Some(pending) = self.pending_subscribes.remove(&ack.pkid) else {
            return;
        };
        for filter in pending.filters {
            if refused {
                self.filters.remove(&filter);
            } else if let Some(state) = self.filters.get_mut(&filter) {
                *state = None;
            }
        }
        for waiter in pending.waiters {
            let _ = waiter.send(if refused {
                Err(Error::new(
                    ErrorKind::NotAuthorized,
                    "the broker refused the subscription",
                ))
            } else {
                Ok(())
            });
        }
    }
}

/// Feeds `bytes` to a fresh connection's receive path as if the broker had
/// sent them, in reads of at most `chunk` bytes (the fuzz targets' entry).
/// `Err` is what would end the connection.
pub(crate) fn receive(
    core: &Arc<Core>,
    bytes: &[u8],
    chunk: usize,
) -> std::result::Result<(), String> {
    let mut redelivery = Redelivery::new(resends(core));
    let mut link = Link::new(core, &mut redelivery);
    let mut input = BytesMut::new();
    for read in bytes.chunks(chunk.max(1)) {
        input.extend_from_slice(read);
        link.absorb(&mut input)?;
    }
    Ok(())
}

/// What one pass of [`Link::absorb`] over the input gathers.
#[derive(Default)]
struct Batch {
    /// The routing table the pass uses.
    routes: RouteTable,
    to_callbacks: Vec<Item>,
    to_pull: Vec<Message>,
    /// Packets that count as received: publishes, and those dropped.
    received: u64,
    dropped: usize,
    /// Resent copies acknowledged and not delivered again.
    repeats: usize,
}

impl Batch {
    /// Counts a malformed packet, taken out of the input, as dropped, and
    /// says why.
    fn malformed(&mut self, core: &Core, why: &dyn std::fmt::Display) {
        self.received += 1;
        self.dropped += 1;
        jet_log!(
            Level::Warn,
            "notify",
            "session {}: dropped a malformed packet: {why}",
            core.client_id
        );
    }
}

/// The whole length of a packet whose remaining length is `remaining`.
fn frame_length(remaining: usize) -> usize {
    let header = match remaining {
        0..=127 => 2,
        128..=16_383 => 3,
        16_384..=2_097_151 => 4,
        _ => 5,
    };
    header + remaining
}

/// Serves one connection until it is lost or the session closes.
async fn drive(
    core: &Arc<Core>,
    connection: Connection,
    commands: &mut UnboundedReceiver<Command>,
    redelivery: &mut Redelivery,
) -> Ended {
    let Connection {
        mut stream,
        socket,
        mut input,
    } = connection;
    let options = &core.options;
    let mut gather = Gather::new(socket);
    if !options.clean_session && gather.start() {
        jet_log!(
            Level::Debug,
            "notify",
            "session {}: persistent session; reads gather {} KiB until the broker pauses",
            core.client_id,
            GATHER_BYTES / 1024
        );
    }
    let mut link = Link::new(core, redelivery);
    let filters = core.registry.filters();
    for chunk in filters.chunks(FILTERS_PER_PACKET) {
        if let Err(e) = link.subscribe(chunk, None) {
            return Ended::Lost(e.to_string());
        }
    }
    if !filters.is_empty() {
        jet_log!(
            Level::Info,
            "notify",
            "session {}: restored {} subscription filter(s)",
            core.client_id,
            filters.len()
        );
    }
    let keepalive = options.keepalive;
    let period = if keepalive.is_zero() {
        Duration::from_secs(3600)
    } else {
        keepalive
    };
    let mut ticker = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    loop {
        if let Err(why) = link.absorb(&mut input) {
            return Ended::Lost(why);
        }
        if !link.output.is_empty() {
            if let Err(e) = write_out(&mut stream, &mut link.output, options.connect_timeout).await
            {
                return Ended::Lost(e.to_string());
            }
        }
        if input.capacity() - input.len() < READ_CHUNK / 4 {
            input.reserve(READ_CHUNK);
        }
        // With Overflow::Wait and a full queue, nothing is read until the
        // application takes events; commands and keepalive go on.
        let paused = core.must_wait();
        link.paused_since_ping |= paused;
        tokio::select! {
            read = stream.read_buf(&mut input), if !paused => match read {
                Ok(0) => return Ended::Lost("the broker closed the connection".into()),
                Ok(_) => gather.restart_tail(),
                Err(e) => return Ended::Lost(e.to_string()),
            },
            _ = gather.tail(), if gather.on() && !paused => {
                gather.end();
                jet_log!(
                    Level::Debug,
                    "notify",
                    "session {}: the broker paused; reads no longer gather",
                    core.client_id
                );
            }
            _ = core.room.notified(), if paused => gather.restart_tail(),
            command = commands.recv() => {
                let command = command.unwrap_or(Command::Close);
                match link.command(command) {
                    Ok(true) => {}
                    Ok(false) => {
                        let _ = write_out(&mut stream, &mut link.output, Duration::from_secs(1)).await;
                        let _ = stream.shutdown().await;
                        return Ended::Closed;
                    }
                    Err(e) => return Ended::Lost(e.to_string()),
                }
            }
            _ = ticker.tick(), if !keepalive.is_zero() => {
                if link.ping_outstanding && !link.paused_since_ping {
                    return Ended::Lost("no PINGRESP within the keepalive".into());
                }
                // Pinging on while paused keeps the broker from timing us out.
                link.ping_outstanding = true;
                link.paused_since_ping = paused;
                if let Err(e) = encode(&Packet::PingReq, &mut link.output) {
                    return Ended::Lost(e.to_string());
                }
            }
        }
    }
}
