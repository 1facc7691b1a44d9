package dev.cutover.loadgen.generate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, growable buffer that writes the Avro binary encoding exactly as Avro's {@code
 * BinaryEncoder} does (zig-zag varints, length-prefixed strings and bytes), without an encoder
 * object, a stream or per-call allocation: the generator's hot path. Not thread-safe.
 */
final class AvroBuffer {
    private byte[] bytes = new byte[512];
    private int size;

    void reset() {
        size = 0;
    }

    /** A copy of what was written since {@link #reset()}. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void writeRawByte(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    /** Big-endian, as the Confluent header's schema id. */
    void writeFixedInt(int v) {
        ensure(4);
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    /** Avro {@code int}, {@code long}, enum ordinal, union index and map block count alike. */
    void writeLong(long v) {
        ensure(10);
        long n = (v << 1) ^ (v >> 63);
        while ((n & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        bytes[size++] = (byte) n;
    }

    /** Bytes already in Avro encoding (a precomputed string or group of fields). */
    void writeEncoded(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, size, encoded.length);
        size += encoded.length;
    }

    /** An Avro {@code bytes} value: its length, then the bytes. */
    void writeBytes(byte[] value) {
        writeLong(value.length);
        writeEncoded(value);
    }

    /**
     * An Avro {@code bytes} holding {@code BigInteger.valueOf(v).toByteArray()} (the minimal
     * big-endian two's complement), without the BigInteger.
     */
    void writeTwosComplement(long v) {
        int bitLength = 64 - Long.numberOfLeadingZeros(v < 0 ? ~v : v);
        int length = bitLength / 8 + 1;
        writeLong(length);
        ensure(length);
        for (int i = length - 1; i >= 0; i--) {
            bytes[size++] = (byte) (v >> (8 * i));
        }
    }

    /** The UUID's canonical lower-case string ({@code UUID.toString()}) as an Avro string. */
    void writeUuidString(long msb, long lsb) {
        writeLong(36);
        ensure(36);
        hex(msb >>> 32, 8);
        bytes[size++] = '-';
        hex(msb >>> 16, 4);
        bytes[size++] = '-';
        hex(msb, 4);
        bytes[size++] = '-';
        hex(lsb >>> 48, 4);
        bytes[size++] = '-';
        hex(lsb, 12);
    }

    /** {@code prefix + Long.toHexString(v)} as an Avro string, for a v whose top nibble is set. */
    void writePrefixedHex16(byte[] prefix, long v) {
        writeLong(prefix.length + 16);
        writeEncoded(prefix);
        ensure(16);
        hex(v, 16);
    }

    /** A string's Avro encoding, to precompute constant strings once. */
    static byte[] encodeString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        AvroBuffer b = new AvroBuffer();
        b.writeBytes(utf8);
        return b.toByteArray();
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private void hex(long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            bytes[size + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
        size += digits;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
