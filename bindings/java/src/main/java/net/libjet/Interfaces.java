package net.libjet;

import java.time.Duration;

import static net.libjet.Utf8.cstring;

/** Interface addresses of a {@link Service} (jet_interface_address_*). */
public final class Interfaces {
    private final NativeHandle session;

    Interfaces(NativeHandle session) {
        this.session = session;
    }

    /** Adds {@code address} ("192.0.2.1/24", "2001:db8::1/64") to logical interface {@code ifd}.{@code unit}, with the session's deadline. */
    public void addressAdd(String ifd, int unit, Family family, String address) {
        addressAdd(ifd, unit, family, address, null);
    }

    /**
     * Adds an address, with deadline {@code timeout}.
     *
     * @throws RefusedException when the device says no (deviceCode() has its code)
     */
    public void addressAdd(String ifd, int unit, Family family, String address, Duration timeout) {
        address(true, ifd, unit, family, address, timeout);
    }

    /** Deletes an address, with the session's deadline. */
    public void addressDelete(String ifd, int unit, Family family, String address) {
        addressDelete(ifd, unit, family, address, null);
    }

    /**
     * Deletes an address, with deadline {@code timeout}.
     *
     * @throws NotFoundException when the device has no such address
     */
    public void addressDelete(String ifd, int unit, Family family, String address, Duration timeout) {
        address(false, ifd, unit, family, address, timeout);
    }

    private void address(boolean add, String ifd, int unit, Family family, String address, Duration timeout) {
        byte[] cIfd = cstring(ifd);
        byte[] cAddress = cstring(address);
        int ms = NativeHandle.millis(timeout);
        session.blocking((h, cancel) -> {
            JniService.address(h, add, cIfd, unit, family.code(), cAddress, ms, cancel);
            return null;
        });
    }
}
