package sohbet.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageBudgetTest {
    private static final int SIDE = 2560;
    private static final long BUDGET = 4L * SIDE * SIDE;

    @Test
    void a16BitRgbaPngCountsEightBytesAPixel() throws IOException {
        byte[] png = BigPng.rgba16(4, 3);
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in);
            assertEquals(64, ImageDecoder.bitsPerPixel(reader.getImageTypes(0).next()));
        } finally {
            reader.dispose();
        }
    }

    @Test
    void subsamplingRoundsUpSoTheLongerSideFits() {
        // Rounding 5119 / 2560 down read every pixel: a full-size decode of 5119 × 5119.
        assertEquals(2, ImageDecoder.subsampling(5119, 5119, 32, SIDE, BUDGET));
        assertEquals(1, ImageDecoder.subsampling(2560, 1000, 32, SIDE, BUDGET));
        assertEquals(2, ImageDecoder.subsampling(2561, 10, 24, SIDE, BUDGET));
    }

    @Test
    void theBudgetCountsBytesNotPixels() {
        // The 16-bit RGBA attack: at every 2nd pixel it would still be 2560² × 8 = 52 MB.
        assertThat(ImageDecoder.decodedBytes(5119, 5119, 64, 2), greaterThan(BUDGET));
        int step = ImageDecoder.subsampling(5119, 5119, 64, SIDE, BUDGET);
        assertEquals(3, step);
        assertThat(ImageDecoder.decodedBytes(5119, 5119, 64, step), lessThanOrEqualTo(BUDGET));
        assertEquals(0, ImageDecoder.subsampling(10, 10, 64, SIDE, 7), "not even one pixel fits");
    }

    @Test
    void theChosenStepIsTheSmallestThatFitsBothLimits() {
        Random random = new Random(7);
        int[] depths = {1, 8, 24, 32, 48, 64};
        for (int i = 0; i < 20_000; i++) {
            int w = 1 + random.nextInt(random.nextBoolean() ? 5000 : 60_000);
            int h = 1 + random.nextInt(random.nextBoolean() ? 5000 : 60_000);
            int bits = depths[random.nextInt(depths.length)];
            long budget = 1 + (long) random.nextInt(40_000_000);
            int step = ImageDecoder.subsampling(w, h, bits, SIDE, budget);
            String c = w + "x" + h + " at " + bits + " bits within " + budget;
            if (step == 0) {
                assertThat(c, (long) bits, greaterThan(budget * 8));
                continue;
            }
            assertThat(c, (Math.max(w, h) + step - 1) / step, lessThanOrEqualTo(SIDE));
            assertThat(c, ImageDecoder.decodedBytes(w, h, bits, step), lessThanOrEqualTo(budget));
            if (step > 1) {
                boolean smallerFits = (Math.max(w, h) + step - 2) / (step - 1) <= SIDE
                        && ImageDecoder.decodedBytes(w, h, bits, step - 1) <= budget;
                assertEquals(false, smallerFits, c + ": step " + (step - 1) + " fits too");
            }
        }
    }

    @Test
    void theAttackFileIsSmallToSendAndHugeToDecode() {
        byte[] png = BigPng.attack();
        assertThat("well under the 5 MB photo limit", png.length, lessThan(2 * 1024 * 1024));
        assertThat("210 MB when decoded whole", ImageDecoder.decodedBytes(5119, 5119, 64, 1), greaterThan(200_000_000L));
    }

    @Test
    void a16BitPngIsReadSmallEnoughForTheBudget() {
        // 1200 × 1200 at 16 bits RGBA is 11.5 MB decoded; within 1 MB it must be read every 4th pixel.
        long budget = 1_000_000;
        ImageProcessor images = new ImageProcessor(SIDE, 480, 50_000_000, budget, ImageProcessor.DEADLINE, () -> {
        });
        int step = ImageDecoder.subsampling(1200, 1200, 64, SIDE, budget);
        assertEquals(4, step);
        ImageProcessor.Result r = images.process(BigPng.rgba16(1200, 1200), FileType.PNG);
        assertEquals(300, r.width());
        assertEquals(300, r.height());
    }

    @Test
    void whatCannotFitAtAllIsRefusedWith413() {
        ImageProcessor none = new ImageProcessor(SIDE, 480, 50_000_000, 0, ImageProcessor.DEADLINE, () -> {
        });
        MediaException e = assertThrows(MediaException.class, () -> none.process(Fixtures.bytes("small.png"), FileType.PNG));
        assertEquals("error.media.tooBigToDecode", e.key());
        assertEquals(413, e.status());
    }
}
