package sohbet.media;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import sohbet.app.AppConfig;
import sohbet.app.CloudinarySettings;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudinaryConfigTest {
    private static AppConfig config(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("APP_ENV", "test");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return AppConfig.from(env);
    }

    @Test
    void noneMeansLocalDisk() {
        assertTrue(config().media().cloudinary().isEmpty());
    }

    @Test
    void fromTheUrl() {
        CloudinarySettings c = config("CLOUDINARY_URL", "cloudinary://1234:s3cr%2Ft@my-cloud").media().cloudinary().orElseThrow();
        assertEquals("my-cloud", c.cloudName());
        assertEquals("1234", c.apiKey());
        assertEquals("s3cr/t", c.apiSecret());
        assertEquals(Optional.empty(), c.uploadPrefix());
        assertThat("the secret is not printed", c.toString(), not(containsString("s3cr")));
        assertEquals(Optional.of("http://127.0.0.1:9"),
                config("CLOUDINARY_URL", "cloudinary://k:s@c?upload_prefix=http%3A%2F%2F127.0.0.1%3A9").media().cloudinary().orElseThrow().uploadPrefix());
    }

    @Test
    void fromTheThreeVariables() {
        CloudinarySettings c = config("CLOUDINARY_CLOUD_NAME", "c", "CLOUDINARY_API_KEY", "k", "CLOUDINARY_API_SECRET", "s",
                "CLOUDINARY_UPLOAD_PREFIX", "http://127.0.0.1:8080").media().cloudinary().orElseThrow();
        assertEquals("c", c.cloudName());
        assertEquals(Optional.of("http://127.0.0.1:8080"), c.uploadPrefix());
    }

    @Test
    void halfConfiguredOrMalformedSaysWhatToFix() {
        AppConfig.ConfigException half = assertThrows(AppConfig.ConfigException.class,
                () -> config("CLOUDINARY_CLOUD_NAME", "c", "CLOUDINARY_API_KEY", "k"));
        assertThat(half.getMessage(), containsString("CLOUDINARY_API_SECRET"));
        AppConfig.ConfigException url = assertThrows(AppConfig.ConfigException.class, () -> config("CLOUDINARY_URL", "https://example.com"));
        assertThat(url.getMessage(), containsString("cloudinary://API_KEY:API_SECRET@CLOUD_NAME"));
        assertThrows(AppConfig.ConfigException.class, () -> config("CLOUDINARY_URL", "cloudinary://k:s@c", "CLOUDINARY_UPLOAD_PREFIX", "ftp://x"));
    }
}
