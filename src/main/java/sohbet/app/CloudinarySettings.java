package sohbet.app;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import sohbet.app.AppConfig.ConfigException;

/**
 * Cloudinary media storage: CLOUDINARY_URL ({@code cloudinary://key:secret@cloud}) or the three
 * CLOUDINARY_CLOUD_NAME / _API_KEY / _API_SECRET variables. {@code uploadPrefix}
 * (CLOUDINARY_UPLOAD_PREFIX, or {@code ?upload_prefix=} in the URL) points uploads at another API
 * address, as tests do with a local fake. The secret never appears in {@link #toString()}.
 */
public record CloudinarySettings(String cloudName, String apiKey, String apiSecret, Optional<String> uploadPrefix) {
    private static final List<String> NAMES = List.of("CLOUDINARY_CLOUD_NAME", "CLOUDINARY_API_KEY", "CLOUDINARY_API_SECRET");

    @Override
    public String toString() {
        return "CloudinarySettings[cloudName=" + cloudName + ", apiKey=" + apiKey + ", apiSecret=***, uploadPrefix=" + uploadPrefix + "]";
    }

    /** Empty when none of the variables is set: uploads stay on local disk. */
    static Optional<CloudinarySettings> from(Env env) {
        Optional<String> prefix = env.get("CLOUDINARY_UPLOAD_PREFIX");
        CloudinarySettings settings;
        if (env.has("CLOUDINARY_URL")) {
            settings = fromUrl(env.orNull("CLOUDINARY_URL"), prefix);
        } else {
            List<String> missing = NAMES.stream().filter(n -> !env.has(n)).toList();
            if (missing.size() == NAMES.size()) {
                return Optional.empty();
            }
            if (!missing.isEmpty()) {
                throw new ConfigException("Cloudinary is half configured: set " + String.join(", ", missing)
                        + " too (or CLOUDINARY_URL instead), or none of them to keep uploads on local disk");
            }
            settings = new CloudinarySettings(env.orNull("CLOUDINARY_CLOUD_NAME"), env.orNull("CLOUDINARY_API_KEY"),
                    env.orNull("CLOUDINARY_API_SECRET"), prefix);
        }
        if (settings.uploadPrefix().isPresent() && !settings.uploadPrefix().get().matches("https?://[^\\s;]+")) {
            throw new ConfigException("CLOUDINARY_UPLOAD_PREFIX must be an http(s) address, got '" + settings.uploadPrefix().get() + "'");
        }
        return Optional.of(settings);
    }

    /** CLOUDINARY_URL; its {@code upload_prefix} counts only when CLOUDINARY_UPLOAD_PREFIX is unset. */
    private static CloudinarySettings fromUrl(String url, Optional<String> prefix) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CLOUDINARY_URL is not a URL; expected cloudinary://API_KEY:API_SECRET@CLOUD_NAME");
        }
        String userInfo = uri.getRawUserInfo();
        int colon = userInfo == null ? -1 : userInfo.indexOf(':');
        if (!"cloudinary".equals(uri.getScheme()) || colon <= 0 || colon == userInfo.length() - 1 || uri.getHost() == null) {
            throw new ConfigException("CLOUDINARY_URL must look like cloudinary://API_KEY:API_SECRET@CLOUD_NAME");
        }
        String query = uri.getRawQuery();
        if (prefix.isEmpty() && query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("upload_prefix=")) {
                    prefix = Optional.of(URLDecoder.decode(pair.substring(14), StandardCharsets.UTF_8));
                }
            }
        }
        return new CloudinarySettings(uri.getHost(),
                URLDecoder.decode(userInfo.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(userInfo.substring(colon + 1), StandardCharsets.UTF_8), prefix);
    }
}
