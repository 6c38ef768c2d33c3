package sohbet.media;

import java.util.Optional;

/**
 * What {@code messages.media_ref} holds, parsed. One line, three fields separated by ';':
 * <pre>
 *   local:images/3f9c…e1.jpg;1800x2400            a file under UPLOAD_DIR (preview beside it)
 *   local:audio/7a0d…41.ogg;                       (audio has no pixel size)
 *   cloudinary:image/sohbet/3f9c…e1;1800x2400;https://res.cloudinary.com/…/3f9c…e1.jpg
 *   cloudinary:video/sohbet/7a0d…41;;https://res.cloudinary.com/…/7a0d…41.ogg
 * </pre>
 * The key names the stored object (a relative path, or Cloudinary's resource type and public id);
 * the URL is the original's address where it lives outside this server. Width and height let pages
 * reserve the image's place before it loads.
 */
public record MediaRef(Backend backend, String key, int width, int height, String url) {
    public enum Backend { LOCAL, CLOUDINARY }

    public static MediaRef local(String path, int width, int height) {
        return new MediaRef(Backend.LOCAL, path, width, height, null);
    }

    public static MediaRef cloudinary(String resourceType, String publicId, int width, int height, String secureUrl) {
        return new MediaRef(Backend.CLOUDINARY, resourceType + "/" + publicId, width, height, secureUrl);
    }

    public static Optional<MediaRef> parse(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        int colon = ref.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        Backend backend = switch (ref.substring(0, colon)) {
            case "local" -> Backend.LOCAL;
            case "cloudinary" -> Backend.CLOUDINARY;
            default -> null;
        };
        if (backend == null) {
            return Optional.empty();
        }
        String[] parts = ref.substring(colon + 1).split(";", 3);
        String key = parts[0];
        if (key.isEmpty() || key.contains("..") || key.startsWith("/") || key.contains("\\")) {
            return Optional.empty();
        }
        int w = 0;
        int h = 0;
        if (parts.length > 1 && !parts[1].isEmpty()) {
            String[] wh = parts[1].split("x", 2);
            try {
                w = Integer.parseInt(wh[0]);
                h = wh.length > 1 ? Integer.parseInt(wh[1]) : 0;
            } catch (NumberFormatException e) {
                w = 0;
                h = 0;
            }
        }
        String url = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null;
        if (backend == Backend.CLOUDINARY && (url == null || !key.contains("/"))) {
            return Optional.empty();
        }
        return Optional.of(new MediaRef(backend, key, w, h, url));
    }

    /** Cloudinary's resource type ("image", or "video" for audio); null for local files. */
    public String resourceType() {
        return backend == Backend.CLOUDINARY ? key.substring(0, key.indexOf('/')) : null;
    }

    /** Cloudinary's public id; null for local files. */
    public String publicId() {
        return backend == Backend.CLOUDINARY ? key.substring(key.indexOf('/') + 1) : null;
    }

    public boolean hasSize() {
        return width > 0 && height > 0;
    }

    @Override
    public String toString() {
        String size = hasSize() ? width + "x" + height : "";
        return backend.name().toLowerCase(java.util.Locale.ROOT) + ":" + key + ";" + size + (url == null ? "" : ";" + url);
    }
}
