package sohbet.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds multipart/form-data bodies the way browsers send them. */
final class MultipartBodies {
    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private MultipartBodies(String boundary) {
        this.boundary = boundary;
    }

    static MultipartBodies of(String boundary) {
        return new MultipartBodies(boundary);
    }

    MultipartBodies field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        write("\r\n");
        return this;
    }

    MultipartBodies file(String name, String filename, String type, byte[] data) {
        String escaped = filename.replace("\"", "%22");
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"");
        out.writeBytes(escaped.getBytes(StandardCharsets.UTF_8));
        write("\"\r\nContent-Type: " + type + "\r\n\r\n");
        out.writeBytes(data);
        write("\r\n");
        return this;
    }

    byte[] build() {
        write("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private void write(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
