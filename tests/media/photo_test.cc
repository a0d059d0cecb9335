// PreparePhoto on real images that the test encodes with the same libraries (TurboJPEG,
// libpng, libwebp) in memory, and on damaged and hostile ones.

#include "ledd/media/photo.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "png.h"
#include "turbojpeg.h"
#include "webp/encode.h"
#include "zlib.h"

namespace ledd::media {
namespace {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
};

constexpr Rgb kRed{230, 20, 20};
constexpr Rgb kGreen{20, 200, 20};
constexpr Rgb kBlue{20, 20, 230};

// An RGB image (rows packed) whose colour at (x, y) is paint(x, y).
template <typename Paint>
std::vector<uint8_t> Draw(int width, int height, Paint paint) {
  std::vector<uint8_t> pixels(static_cast<size_t>(width) * height * 3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const Rgb colour = paint(x, y);
      uint8_t* pixel = &pixels[(static_cast<size_t>(y) * width + x) * 3];
      pixel[0] = colour.r;
      pixel[1] = colour.g;
      pixel[2] = colour.b;
    }
  }
  return pixels;
}

std::vector<uint8_t> Solid(int width, int height, Rgb colour) {
  return Draw(width, height, [colour](int, int) { return colour; });
}

std::string Jpeg(const std::vector<uint8_t>& rgb, int width, int height) {
  tjhandle encoder = tjInitCompress();
  unsigned char* out = nullptr;
  unsigned long size = 0;
  EXPECT_EQ(
      tjCompress2(encoder, rgb.data(), width, 0, height, TJPF_RGB, &out, &size, TJSAMP_444, 95, 0),
      0);
  std::string bytes(reinterpret_cast<const char*>(out), size);
  tjFree(out);
  tjDestroy(encoder);
  return bytes;
}

// `channels` 3 (RGB) or 4 (RGBA).
std::string Png(const std::vector<uint8_t>& pixels, int width, int height, int channels = 3) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = width;
  image.height = height;
  image.format = channels == 4 ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  EXPECT_NE(png_image_write_to_memory(&image, nullptr, &size, 0, pixels.data(), 0, nullptr), 0);
  std::string bytes(size, '\0');
  EXPECT_NE(png_image_write_to_memory(&image, bytes.data(), &size, 0, pixels.data(), 0, nullptr),
            0);
  bytes.resize(size);
  return bytes;
}

std::string Webp(const std::vector<uint8_t>& rgb, int width, int height) {
  uint8_t* out = nullptr;
  const size_t size = WebPEncodeLosslessRGB(rgb.data(), width, height, width * 3, &out);
  EXPECT_GT(size, 0u);
  std::string bytes(reinterpret_cast<const char*>(out), size);
  WebPFree(out);
  return bytes;
}

struct Decoded {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgb;

  Rgb At(int x, int y) const {
    const uint8_t* pixel = &rgb[(static_cast<size_t>(y) * width + x) * 3];
    return {pixel[0], pixel[1], pixel[2]};
  }
};

Decoded DecodeJpeg(const std::string& bytes) {
  tjhandle decoder = tjInitDecompress();
  Decoded decoded;
  int subsampling = 0, colorspace = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  EXPECT_EQ(tjDecompressHeader3(decoder, data, bytes.size(), &decoded.width, &decoded.height,
                                &subsampling, &colorspace),
            0);
  decoded.rgb.resize(static_cast<size_t>(decoded.width) * decoded.height * 3);
  EXPECT_EQ(tjDecompress2(decoder, data, bytes.size(), decoded.rgb.data(), decoded.width, 0,
                          decoded.height, TJPF_RGB, 0),
            0);
  tjDestroy(decoder);
  return decoded;
}

// Within JPEG's error of `want`.
void ExpectColour(const Decoded& image, int x, int y, Rgb want) {
  const Rgb have = image.At(x, y);
  EXPECT_NEAR(have.r, want.r, 40) << "at " << x << "," << y;
  EXPECT_NEAR(have.g, want.g, 40) << "at " << x << "," << y;
  EXPECT_NEAR(have.b, want.b, 40) << "at " << x << "," << y;
}

// The corners and the middle of a square image.
void ExpectAll(const Decoded& image, Rgb want) {
  const int last = image.width - 1;
  for (auto [x, y] : {std::pair{0, 0}, {last, 0}, {0, last}, {last, last}, {last / 2, last / 2}}) {
    ExpectColour(image, x, y, want);
  }
}

void ExpectSizes(const PhotoSet& photos) {
  const Decoded large = DecodeJpeg(photos.large);
  EXPECT_EQ(large.width, kLargePhotoSide);
  EXPECT_EQ(large.height, kLargePhotoSide);
  const Decoded small = DecodeJpeg(photos.small);
  EXPECT_EQ(small.width, kSmallPhotoSide);
  EXPECT_EQ(small.height, kSmallPhotoSide);
}

void ExpectRefused(const absl::StatusOr<PhotoSet>& photos, const std::string& message_part) {
  ASSERT_FALSE(photos.ok());
  EXPECT_EQ(photos.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(photos.status().message()).find(message_part), std::string::npos)
      << photos.status();
}

// A chunk of a PNG file: length, type, data, CRC (zlib's crc32 over type and data).
std::string PngChunk(const std::string& type, const std::string& data) {
  std::string chunk;
  const uint32_t length = static_cast<uint32_t>(data.size());
  for (int shift : {24, 16, 8, 0}) chunk.push_back(static_cast<char>((length >> shift) & 0xFF));
  chunk += type + data;
  uLong crc = crc32(0, nullptr, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(chunk.data() + 4), chunk.size() - 4);
  for (int shift : {24, 16, 8, 0}) chunk.push_back(static_cast<char>((crc >> shift) & 0xFF));
  return chunk;
}

std::string BigEndian32(uint32_t value) {
  std::string out;
  for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<char>((value >> shift) & 0xFF));
  return out;
}

TEST(PreparePhoto, ScalesAJpegToBothSizes) {
  const std::string jpeg = Jpeg(Solid(800, 600, kBlue), 800, 600);
  absl::StatusOr<PhotoSet> photos = PreparePhoto(jpeg, "image/jpeg");
  ASSERT_TRUE(photos.ok()) << photos.status();
  ExpectSizes(*photos);
  ExpectAll(DecodeJpeg(photos->large), kBlue);
  ExpectAll(DecodeJpeg(photos->small), kBlue);
}

TEST(PreparePhoto, CropsTheCentreOfAWideImage) {
  // 600x300: 150 px of blue, 300 of green, 150 of red. The centre square is green.
  const auto wide = Draw(600, 300, [](int x, int) {
    return x < 150 ? kBlue : x < 450 ? kGreen : kRed;
  });
  absl::StatusOr<PhotoSet> photos = PreparePhoto(Png(wide, 600, 300), "image/png");
  ASSERT_TRUE(photos.ok()) << photos.status();
  ExpectSizes(*photos);
  const Decoded large = DecodeJpeg(photos->large);
  ExpectAll(large, kGreen);
  ExpectAll(DecodeJpeg(photos->small), kGreen);
}

TEST(PreparePhoto, CropsTheCentreOfATallImageAndKeepsItsHalves) {
  // 300x900: red above, blue below the middle; the centre square keeps both halves and
  // none of the green bands at the top and bottom.
  const auto tall = Draw(300, 900, [](int, int y) {
    return y < 300 ? kGreen : y < 450 ? kRed : y < 600 ? kBlue : kGreen;
  });
  absl::StatusOr<PhotoSet> photos = PreparePhoto(Webp(tall, 300, 900), "image/webp");
  ASSERT_TRUE(photos.ok()) << photos.status();
  ExpectSizes(*photos);
  const Decoded large = DecodeJpeg(photos->large);
  ExpectColour(large, 0, 0, kRed);
  ExpectColour(large, 399, 100, kRed);
  ExpectColour(large, 0, 399, kBlue);
  ExpectColour(large, 399, 300, kBlue);
}

TEST(PreparePhoto, ScalesASmallImageUpToTheLargeSize) {
  const std::string png = Png(Solid(120, 100, kRed), 120, 100);
  absl::StatusOr<PhotoSet> photos = PreparePhoto(png, "image/png");
  ASSERT_TRUE(photos.ok()) << photos.status();
  ExpectSizes(*photos);
  ExpectAll(DecodeJpeg(photos->large), kRed);
}

TEST(PreparePhoto, LaysTransparencyOnWhite) {
  std::vector<uint8_t> rgba(200 * 200 * 4, 0);  // Transparent black.
  absl::StatusOr<PhotoSet> photos = PreparePhoto(Png(rgba, 200, 200, 4), "image/png");
  ASSERT_TRUE(photos.ok()) << photos.status();
  ExpectAll(DecodeJpeg(photos->large), Rgb{255, 255, 255});
}

TEST(PreparePhoto, DropsTheUploadsMetadata) {
  // An EXIF segment right after the JPEG's start-of-image marker, as a camera writes it.
  std::string jpeg = Jpeg(Solid(300, 300, kGreen), 300, 300);
  const std::string exif = std::string("Exif\0\0", 6) + "GPS 59.9139N 10.7522E serial 4711";
  const size_t length = exif.size() + 2;
  std::string segment = "\xFF\xE1";
  segment.push_back(static_cast<char>(length >> 8));
  segment.push_back(static_cast<char>(length & 0xFF));
  jpeg.insert(2, segment + exif);
  absl::StatusOr<PhotoSet> photos = PreparePhoto(jpeg, "image/jpeg; charset=binary");
  ASSERT_TRUE(photos.ok()) << photos.status();
  for (const std::string* out : {&photos->large, &photos->small}) {
    EXPECT_EQ(out->find("Exif"), std::string::npos);
    EXPECT_EQ(out->find("59.9139"), std::string::npos);
    // Start of image, then the JFIF header: no other application segment first.
    EXPECT_EQ(out->substr(0, 4), "\xFF\xD8\xFF\xE0");
  }
}

TEST(PreparePhoto, RefusesTruncatedFiles) {
  const auto pixels = Draw(300, 300, [](int x, int y) {
    return Rgb{static_cast<uint8_t>(x), static_cast<uint8_t>(y), static_cast<uint8_t>(x ^ y)};
  });
  const std::string jpeg = Jpeg(pixels, 300, 300);
  const std::string png = Png(pixels, 300, 300);
  const std::string webp = Webp(pixels, 300, 300);
  ExpectRefused(PreparePhoto(jpeg.substr(0, jpeg.size() / 2), "image/jpeg"),
                "could not be decoded");
  ExpectRefused(PreparePhoto(png.substr(0, png.size() / 2), "image/png"), "could not be decoded");
  ExpectRefused(PreparePhoto(webp.substr(0, webp.size() / 2), "image/webp"),
                "could not be decoded");
  // Only the header: the dimensions are fine, the pixels are missing.
  ExpectRefused(PreparePhoto(png.substr(0, 40), "image/png"), "could not be decoded");
}

TEST(PreparePhoto, RefusesImagesTooSmall) {
  ExpectRefused(PreparePhoto(Jpeg(Solid(95, 400, kRed), 95, 400), "image/jpeg"),
                "too small: 95x400 pixels");
  ExpectRefused(PreparePhoto(Png(Solid(400, 50, kRed), 400, 50), "image/png"), "too small");
  ExpectRefused(PreparePhoto(Webp(Solid(16, 16, kRed), 16, 16), "image/webp"), "too small");
  // Exactly the minimum passes.
  EXPECT_TRUE(PreparePhoto(Png(Solid(96, 96, kRed), 96, 96), "image/png").ok());
}

TEST(PreparePhoto, RefusesAContentTypeThatDisagreesWithTheBytes) {
  const std::string png = Png(Solid(200, 200, kRed), 200, 200);
  ExpectRefused(PreparePhoto(png, "image/jpeg"),
                "the photo is a PNG image, but its Content-Type says image/jpeg");
  ExpectRefused(PreparePhoto(png, "image/gif"), "image/jpeg, image/png or image/webp");
  ExpectRefused(PreparePhoto(png, ""), "image/jpeg, image/png or image/webp");
  EXPECT_TRUE(PreparePhoto(png, "IMAGE/PNG").ok());
  ExpectRefused(PreparePhoto("GIF89a not a photo", "image/png"), "not a JPEG, PNG or WebP");
  ExpectRefused(PreparePhoto("", "image/png"), "not a JPEG, PNG or WebP");
}

TEST(PreparePhoto, RefusesAHugePngFromItsHeaderAlone) {
  // A valid IHDR claiming 100000x100000 RGB (30 GB decoded), one tiny IDAT, IEND. The
  // refusal must come from the header, at once, without a 30 GB allocation.
  const std::string ihdr =
      BigEndian32(100'000) + BigEndian32(100'000) + std::string("\x08\x02\x00\x00\x00", 5);
  const std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + PngChunk("IHDR", ihdr) +
                          PngChunk("IDAT", std::string("\x78\x9C\x03\x00\x00\x00\x00\x01", 8)) +
                          PngChunk("IEND", "");
  const auto start = std::chrono::steady_clock::now();
  ExpectRefused(PreparePhoto(png, "image/png"), "too large: 100000x100000 pixels");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST(PreparePhoto, RefusesAHugeJpegFromItsHeaderAlone) {
  // A real small JPEG whose start-of-frame says 60000x60000.
  std::string jpeg = Jpeg(Solid(200, 200, kRed), 200, 200);
  const size_t frame = jpeg.find("\xFF\xC0");
  ASSERT_NE(frame, std::string::npos);
  // FF C0, length (2), precision (1), height (2), width (2).
  for (size_t offset : {frame + 5, frame + 7}) {
    jpeg[offset] = static_cast<char>(60'000 >> 8);
    jpeg[offset + 1] = static_cast<char>(60'000 & 0xFF);
  }
  ExpectRefused(PreparePhoto(jpeg, "image/jpeg"), "too large: 60000x60000 pixels; at most 40");
}

TEST(PreparePhoto, ShrinksALargeJpegThroughTheDctScale) {
  // 3000x2000: decoded at a reduced scale; the result is the same two sizes.
  const auto pixels = Draw(3000, 2000, [](int x, int) { return x < 1500 ? kRed : kBlue; });
  absl::StatusOr<PhotoSet> photos = PreparePhoto(Jpeg(pixels, 3000, 2000), "image/jpeg");
  ASSERT_TRUE(photos.ok()) << photos.status();
  ExpectSizes(*photos);
  const Decoded large = DecodeJpeg(photos->large);
  ExpectColour(large, 10, 200, kRed);
  ExpectColour(large, 390, 200, kBlue);
}

}  // namespace
}  // namespace ledd::media
