package sohbet.media;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A 16-bit RGBA PNG written row by row without ever holding its pixels: 5119 × 5119 of them take
 * 210 MB decoded but compress to about 1 MB (300 KB at the slowest level), which is what makes such
 * a file a memory attack.
 */
final class BigPng {
    private BigPng() {
    }

    private static byte[] attack;

    /** The 5119 × 5119 file, made once per test run (writing it takes a moment). */
    static synchronized byte[] attack() {
        if (attack == null) {
            attack = rgba16(5119, 5119);
        }
        return attack;
    }

    static byte[] rgba16(int width, int height) {
        try {
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 64 * 1024)) {
                byte[] row = new byte[1 + width * 8]; // filter byte "none", then R G B A at 16 bits each
                for (int x = 0; x < width; x++) {
                    row[1 + x * 8] = (byte) 0xFF;     // red
                    row[1 + x * 8 + 6] = (byte) 0xFF; // opaque
                    row[1 + x * 8 + 7] = (byte) 0xFF;
                }
                for (int y = 0; y < height; y++) {
                    z.write(row);
                }
            } finally {
                deflater.end();
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(16); // bit depth
            h.writeByte(6);  // colour type: RGBA
            h.writeByte(0);
            h.writeByte(0);
            h.writeByte(0);
            chunk(png, "IHDR", ihdr.toByteArray());
            chunk(png, "IDAT", idat.toByteArray());
            chunk(png, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
