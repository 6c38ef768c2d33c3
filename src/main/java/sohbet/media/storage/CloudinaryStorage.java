package sohbet.media.storage;

import sohbet.media.FileType;
import sohbet.media.ImageProcessor;
import sohbet.media.MediaRef;
import sohbet.media.MediaStorage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.cloudinary.Cloudinary;
import com.cloudinary.Transformation;

/**
 * Files on Cloudinary (cloudinary-http44): signed uploads made by the server, the API secret never
 * leaves it. Images are uploaded already re-encoded (no EXIF); their previews are Cloudinary URL
 * transformations (at most {@code previewSide} px, automatic quality and format), made without a
 * call. Audio goes up as resource type "video", Cloudinary's home for sound. References to files
 * kept on local disk before Cloudinary was configured keep working through {@code local}.
 */
public final class CloudinaryStorage implements MediaStorage {
    /** The delivery host of Cloudinary URLs, which pages must be allowed to load from. */
    public static final String DELIVERY_HOST = "https://res.cloudinary.com";
    private static final String FOLDER = "sohbet";

    private final Cloudinary cloudinary;
    private final LocalStorage local;
    private final int previewSide;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /**
     * @param uploadPrefix the API address, when not Cloudinary's own (tests point it at a local fake)
     */
    public CloudinaryStorage(String cloudName, String apiKey, String apiSecret, Optional<String> uploadPrefix, LocalStorage local,
                             int previewSide) {
        Map<String, Object> config = new HashMap<>();
        config.put("cloud_name", cloudName);
        config.put("api_key", apiKey);
        config.put("api_secret", apiSecret);
        config.put("secure", true);
        uploadPrefix.ifPresent(p -> config.put("upload_prefix", p));
        this.cloudinary = new Cloudinary(config);
        this.local = local;
        this.previewSide = previewSide;
    }

    @Override
    public MediaRef storeImage(String name, ImageProcessor.Result image) throws IOException {
        Map<?, ?> answer = upload(image.original(), "image", name);
        return MediaRef.cloudinary("image", string(answer, "public_id"), image.width(), image.height(), string(answer, "secure_url"));
    }

    @Override
    public MediaRef storeAudio(String name, FileType type, Path file) throws IOException {
        Map<?, ?> answer = upload(file.toFile(), "video", name);
        return MediaRef.cloudinary("video", string(answer, "public_id"), 0, 0, string(answer, "secure_url"));
    }

    private Map<?, ?> upload(Object file, String resourceType, String name) throws IOException {
        Map<String, Object> options = new HashMap<>();
        options.put("resource_type", resourceType);
        options.put("public_id", FOLDER + "/" + name);
        options.put("overwrite", false);
        options.put("timeout", 60_000);
        options.put("connect_timeout", 10_000);
        try {
            return cloudinary.uploader().upload(file, options);
        } catch (RuntimeException e) {
            // The client reports API errors ({"error":{"message":…}}) as RuntimeException; never with the secret.
            throw new IOException("Cloudinary upload failed: " + e.getMessage(), e);
        }
    }

    private static String string(Map<?, ?> answer, String key) throws IOException {
        Object v = answer.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IOException("Cloudinary answer has no " + key);
        }
        if (key.equals("secure_url") && (!s.startsWith("https://") || s.contains(";"))) {
            throw new IOException("Cloudinary answered an unexpected secure_url");
        }
        return s;
    }

    @Override
    public Optional<Path> localFile(MediaRef ref, boolean preview) {
        return local.localFile(ref, preview);
    }

    @Override
    public Optional<String> originalUrl(MediaRef ref) {
        return Optional.ofNullable(ref.url());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Optional<String> previewUrl(MediaRef ref) {
        if (ref.backend() != MediaRef.Backend.CLOUDINARY || !"image".equals(ref.resourceType())) {
            return Optional.ofNullable(ref.url());
        }
        return Optional.of(cloudinary.url()
                .secure(true)
                .resourceType("image")
                .transformation(new Transformation().width(previewSide).height(previewSide).crop("limit").quality("auto").fetchFormat("auto"))
                .generate(ref.publicId()));
    }

    @Override
    public InputStream open(MediaRef ref) throws IOException {
        if (ref.backend() == MediaRef.Backend.LOCAL) {
            return local.open(ref);
        }
        try {
            HttpResponse<InputStream> res = http.send(HttpRequest.newBuilder(URI.create(ref.url())).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() != 200) {
                res.body().close();
                throw new IOException("Cloudinary answered " + res.statusCode() + " for " + ref.publicId());
            }
            return res.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void delete(MediaRef ref) throws IOException {
        if (ref.backend() == MediaRef.Backend.LOCAL) {
            local.delete(ref);
            return;
        }
        Map<String, Object> options = new HashMap<>();
        options.put("resource_type", ref.resourceType());
        options.put("invalidate", true);
        try {
            cloudinary.uploader().destroy(ref.publicId(), options);
        } catch (RuntimeException e) {
            throw new IOException("Cloudinary delete failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> contentHosts() {
        return List.of(DELIVERY_HOST);
    }
}
