//! PUBLISH packets read where they stand in the input buffer: the topic and
//! the payload stay slices of the buffer they arrived in. rumqttc's reader
//! copies each topic into a `String`; a device's stream is nearly all
//! PUBLISH packets, so they take this path. Every other packet, and any
//! PUBLISH this reader does not take whole, goes to rumqttc as before, which
//! words the errors.

use crate::topic::TopicName;
use bytes::{Bytes, BytesMut};
use rumqttc::mqttbytes::QoS;

/// A received PUBLISH.
pub(crate) struct Publish {
    pub qos: QoS,
    pub dup: bool,
    pub pkid: u16,
    pub topic: TopicName,
    pub payload: Bytes,
}

impl Publish {
    /// rumqttc's form of a PUBLISH in this one.
    pub fn from_rumqttc(publish: rumqttc::mqttbytes::v4::Publish) -> Publish {
        Publish {
            qos: publish.qos,
            dup: publish.dup,
            pkid: publish.pkid,
            topic: TopicName::from(publish.topic),
            payload: publish.payload,
        }
    }
}

/// What [`take`] found.
pub(crate) enum Taken {
    /// A PUBLISH.
    Publish(Publish),
    /// A PUBLISH whose topic is not UTF-8 (taken out of the input).
    TopicNotText,
}

/// Takes the PUBLISH at QoS 0 or 1 at the front of `input` when it is whole,
/// well-formed and no longer than `max_packet_size`. Otherwise returns `None`
/// and leaves `input` as it was, for rumqttc to read.
pub(crate) fn take(input: &mut BytesMut, max_packet_size: usize) -> Option<Taken> {
    let &first = input.first()?;
    let qos = match (first >> 4, (first >> 1) & 0b11) {
        (3, 0) => QoS::AtMostOnce,
        (3, 1) => QoS::AtLeastOnce,
        _ => return None,
    };
    // The remaining length: one to four bytes, seven bits each, low first.
    let mut remaining = 0usize;
    let mut header = 1;
    loop {
        let &byte = input.get(header)?;
        remaining |= usize::from(byte & 0x7f) << (7 * (header - 1));
        header += 1;
        if byte & 0x80 == 0 {
            break;
        }
        if header > 4 {
            return None;
        }
    }
    if remaining > max_packet_size || input.len() - header < remaining {
        return None;
    }
    let body = &input[header..header + remaining];
    let topic_end = 2 + usize::from(u16::from_be_bytes([*body.first()?, *body.get(1)?]));
    let payload_start = topic_end + if qos == QoS::AtLeastOnce { 2 } else { 0 };
    if body.len() < payload_start {
        return None;
    }
    let pkid = match qos {
        QoS::AtLeastOnce => u16::from_be_bytes([body[topic_end], body[topic_end + 1]]),
        _ => 0,
    };
    if qos == QoS::AtLeastOnce && pkid == 0 {
        return None;
    }
    let mut packet = input.split_to(header + remaining).freeze();
    let payload = packet.split_off(header + payload_start);
    let topic = packet.slice(header + 2..header + topic_end);
    let Some(topic) = TopicName::new(topic) else {
        return Some(Taken::TopicNotText);
    };
    Some(Taken::Publish(Publish {
        qos,
        dup: first & 0b1000 != 0,
        pkid,
        topic,
        payload,
    }))
}

#[cfg(test)]
mod tests {
    use super::{take, Taken};
    use bytes::BytesMut;
    use rumqttc::mqttbytes::{v4, QoS};

    /// `publish` as rumqttc writes it.
    fn wire(publish: &v4::Publish) -> BytesMut {
        let mut out = BytesMut::new();
        publish.write(&mut out).unwrap();
        out
    }

    fn publish(topic: &str, qos: QoS, pkid: u16, payload: Vec<u8>) -> v4::Publish {
        let mut publish = v4::Publish::new(topic, qos, payload);
        publish.pkid = pkid;
        publish
    }

    #[test]
    fn reads_what_rumqttc_writes_and_leaves_the_next_packet() {
        // Payload sizes around the one-, two- and three-byte remaining lengths.
        for (qos, pkid) in [(QoS::AtMostOnce, 0), (QoS::AtLeastOnce, 7)] {
            for size in [0, 1, 100, 127, 128, 16_383, 16_384, 70_000] {
                let payload: Vec<u8> = (0..size).map(|n| n as u8).collect();
                let mut sent = publish("/junos/events/é", qos, pkid, payload.clone());
                sent.dup = size % 2 == 1 && qos == QoS::AtLeastOnce;
                let mut input = wire(&sent);
                input.extend_from_slice(b"\xd0\x00");
                let Some(Taken::Publish(got)) = take(&mut input, 1 << 20) else {
                    panic!("not taken: qos {qos:?}, {size} bytes");
                };
                assert_eq!(got.topic.as_str(), "/junos/events/é");
                assert_eq!(&got.payload[..], &payload[..]);
                assert_eq!((got.qos, got.pkid, got.dup), (qos, pkid, sent.dup));
                assert_eq!(&input[..], b"\xd0\x00", "the PINGRESP after it stays");
            }
        }
    }

    #[test]
    fn leaves_to_rumqttc_what_it_does_not_take_whole() {
        let whole = wire(&publish("/t", QoS::AtLeastOnce, 1, b"{}".to_vec()));
        let mut cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "QoS 2",
                wire(&publish("/t", QoS::ExactlyOnce, 1, b"{}".to_vec())).to_vec(),
            ),
            (
                "packet id 0",
                vec![0x32, 0x06, 0x00, 0x02, b'/', b't', 0x00, 0x00],
            ),
            ("a SUBACK", vec![0x90, 0x03, 0x00, 0x01, 0x00]),
            ("no remaining length", vec![0x30]),
            (
                "five length bytes",
                vec![0x30, 0xff, 0xff, 0xff, 0xff, 0x01],
            ),
            (
                "topic longer than the packet",
                vec![0x30, 0x03, 0x00, 0x09, b'/'],
            ),
            (
                "no room for the packet id",
                vec![0x32, 0x04, 0x00, 0x02, b'/', b't'],
            ),
            ("empty", vec![0x30, 0x00]),
        ];
        for cut in 0..whole.len() {
            cases.push(("cut short", whole[..cut].to_vec()));
        }
        for (what, bytes) in cases {
            let mut input = BytesMut::from(&bytes[..]);
            assert!(take(&mut input, 1 << 20).is_none(), "{what}: {bytes:?}");
            assert_eq!(
                &input[..],
                &bytes[..],
                "{what}: the input is left as it was"
            );
        }
        // Over the size limit.
        let mut input = wire(&publish("/t", QoS::AtMostOnce, 0, vec![b'x'; 100]));
        assert!(take(&mut input, 99).is_none());
    }

    #[test]
    fn a_topic_that_is_not_utf8_is_taken_out_and_said() {
        let mut input = BytesMut::from(&[0x30, 0x05, 0x00, 0x02, b'/', 0xff, b'x', 0xd0, 0x00][..]);
        assert!(matches!(
            take(&mut input, 1 << 20),
            Some(Taken::TopicNotText)
        ));
        assert_eq!(&input[..], b"\xd0\x00");
    }
}
