package sohbet.app;

import java.nio.file.Path;
import java.util.Optional;

/** Where uploads go (UPLOAD_DIR, or Cloudinary when configured) and how large one may be (MAX_UPLOAD_MB). */
public record MediaSettings(Path uploadDir, int maxUploadMb, Optional<CloudinarySettings> cloudinary) {

    static MediaSettings from(Env env) {
        return new MediaSettings(
                Path.of(env.get("UPLOAD_DIR", "uploads")),
                env.wholeNumber("MAX_UPLOAD_MB", 16, 1, 1024),
                CloudinarySettings.from(env));
    }
}
