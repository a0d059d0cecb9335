#include "ledd/media/photo.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <vector>

#include "fmt/format.h"
#include "png.h"
#include "turbojpeg.h"
#include "webp/decode.h"
#include "webp/encode.h"

namespace ledd::media {
namespace {

// Decoded pixels, 8 bits a sample: RGB (channels 3) or RGBA (4), rows packed.
struct Pixels {
  int width = 0;
  int height = 0;
  int channels = 3;
  std::vector<uint8_t> data;
};

const char* NameOf(ImageFormat format) {
  switch (format) {
    case ImageFormat::kJpeg:
      return "JPEG";
    case ImageFormat::kPng:
      return "PNG";
    case ImageFormat::kWebp:
      return "WebP";
  }
  return "";
}

const char* ContentTypeOf(ImageFormat format) {
  switch (format) {
    case ImageFormat::kJpeg:
      return "image/jpeg";
    case ImageFormat::kPng:
      return "image/png";
    case ImageFormat::kWebp:
      return "image/webp";
  }
  return "";
}

absl::Status NotDecodable() {
  return absl::InvalidArgumentError(
      "the photo could not be decoded: the file is damaged or incomplete");
}

// The format the magic bytes announce.
absl::StatusOr<ImageFormat> Sniff(std::string_view bytes) {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) {
    return ImageFormat::kJpeg;
  }
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8)) {
    return ImageFormat::kPng;
  }
  if (bytes.size() >= 12 && bytes.substr(0, 4) == "RIFF" && bytes.substr(8, 4) == "WEBP") {
    return ImageFormat::kWebp;
  }
  return absl::InvalidArgumentError("the photo is not a JPEG, PNG or WebP image");
}

// The size rules, from the header's dimensions, before any pixel is decoded.
absl::Status CheckDimensions(int64_t width, int64_t height) {
  if (width <= 0 || height <= 0) return NotDecodable();
  if (width * height > kMaxPhotoPixels) {
    return absl::InvalidArgumentError(
        fmt::format("the photo is too large: {}x{} pixels; at most {} megapixels", width, height,
                    kMaxPhotoPixels / 1'000'000));
  }
  if (std::min(width, height) < kMinPhotoSide) {
    return absl::InvalidArgumentError(
        fmt::format("the photo is too small: {}x{} pixels; its shorter side must be at least {}",
                    width, height, kMinPhotoSide));
  }
  return absl::OkStatus();
}

class TurboJpeg {
 public:
  explicit TurboJpeg(tjhandle handle) : handle_(handle) {}
  ~TurboJpeg() {
    if (handle_ != nullptr) tjDestroy(handle_);
  }
  TurboJpeg(const TurboJpeg&) = delete;
  TurboJpeg& operator=(const TurboJpeg&) = delete;
  tjhandle get() const { return handle_; }

 private:
  tjhandle handle_;
};

absl::StatusOr<Pixels> DecodeJpeg(std::string_view bytes) {
  TurboJpeg decoder(tjInitDecompress());
  if (decoder.get() == nullptr) return absl::InternalError("TurboJPEG: no decompressor");
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto size = static_cast<unsigned long>(bytes.size());
  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(decoder.get(), data, size, &width, &height, &subsampling, &colorspace) !=
      0) {
    return NotDecodable();
  }
  if (absl::Status status = CheckDimensions(width, height); !status.ok()) return status;
  if (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK) {
    return absl::InvalidArgumentError(
        "CMYK JPEG images cannot be profile photos; save the photo as RGB");
  }
  // The DCT scales down for free while it decodes: take the smallest scale that keeps
  // the short side at least the large photo's.
  int factor_count = 0;
  const tjscalingfactor* factors = tjGetScalingFactors(&factor_count);
  tjscalingfactor scale{1, 1};
  const int short_side = std::min(width, height);
  for (int i = 0; factors != nullptr && i < factor_count; ++i) {
    const tjscalingfactor factor = factors[i];
    if (factor.num > factor.denom) continue;
    if (TJSCALED(short_side, factor) < kLargePhotoSide) continue;
    if (factor.num * scale.denom < scale.num * factor.denom) scale = factor;
  }
  Pixels pixels{.width = TJSCALED(width, scale),
                .height = TJSCALED(height, scale),
                .channels = 3,
                .data = {}};
  pixels.data.resize(static_cast<size_t>(pixels.width) * pixels.height * 3);
  // Warnings (a file cut short, corrupt entropy data) are errors here: otherwise
  // libjpeg-turbo would fill the missing part with grey and succeed. LIMITSCANS refuses
  // a progressive file with hundreds of scans, which costs far more than its size.
  if (tjDecompress2(decoder.get(), data, size, pixels.data.data(), pixels.width, 0, pixels.height,
                    TJPF_RGB, TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS) != 0) {
    return NotDecodable();
  }
  return pixels;
}

// png_image_free is safe on an image already freed (libpng frees it on some errors).
struct PngImage {
  png_image image;
  PngImage() {
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
  }
  ~PngImage() { png_image_free(&image); }
  PngImage(const PngImage&) = delete;
  PngImage& operator=(const PngImage&) = delete;
};

// libpng's simplified API: errors come back as a zero return (libpng's longjmp stays
// inside libpng), and it converts every bit depth, palette and gamma to 8-bit sRGB.
absl::StatusOr<Pixels> DecodePng(std::string_view bytes) {
  PngImage png;
  if (png_image_begin_read_from_memory(&png.image, bytes.data(), bytes.size()) == 0) {
    return NotDecodable();
  }
  if (absl::Status status = CheckDimensions(png.image.width, png.image.height); !status.ok()) {
    return status;
  }
  png.image.format = PNG_FORMAT_RGB;
  Pixels pixels{.width = static_cast<int>(png.image.width),
                .height = static_cast<int>(png.image.height),
                .channels = 3,
                .data = {}};
  pixels.data.resize(PNG_IMAGE_SIZE(png.image));
  // Transparent pixels are composited on white (RGB has no alpha to keep).
  const png_color white{255, 255, 255};
  if (png_image_finish_read(&png.image, &white, pixels.data.data(), 0, nullptr) == 0) {
    return NotDecodable();
  }
  return pixels;
}

absl::StatusOr<Pixels> DecodeWebp(std::string_view bytes) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  WebPBitstreamFeatures features;
  if (WebPGetFeatures(data, bytes.size(), &features) != VP8_STATUS_OK) return NotDecodable();
  if (features.has_animation) {
    return absl::InvalidArgumentError("an animated WebP image cannot be a profile photo");
  }
  if (absl::Status status = CheckDimensions(features.width, features.height); !status.ok()) {
    return status;
  }
  Pixels pixels{.width = features.width, .height = features.height, .channels = 4, .data = {}};
  pixels.data.resize(static_cast<size_t>(pixels.width) * pixels.height * 4);
  if (WebPDecodeRGBAInto(data, bytes.size(), pixels.data.data(), pixels.data.size(),
                         pixels.width * 4) == nullptr) {
    return NotDecodable();
  }
  return pixels;
}

// A WebPPicture in ARGB, freed on destruction.
struct Picture {
  WebPPicture picture;
  Picture() {
    WebPPictureInit(&picture);
    picture.use_argb = 1;
  }
  ~Picture() { WebPPictureFree(&picture); }
  Picture(const Picture&) = delete;
  Picture& operator=(const Picture&) = delete;
};

// ARGB words in memory, as TurboJPEG names the byte order.
constexpr int kArgbPixelFormat = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? TJPF_BGRX : TJPF_XRGB;

absl::StatusOr<std::string> EncodeJpeg(const WebPPicture& picture) {
  TurboJpeg encoder(tjInitCompress());
  if (encoder.get() == nullptr) return absl::InternalError("TurboJPEG: no compressor");
  unsigned char* out = nullptr;
  unsigned long out_size = 0;
  const int failed =
      tjCompress2(encoder.get(), reinterpret_cast<const unsigned char*>(picture.argb),
                  picture.width, picture.argb_stride * 4, picture.height, kArgbPixelFormat, &out,
                  &out_size, TJSAMP_420, kPhotoQuality, TJFLAG_ACCURATEDCT);
  std::string jpeg;
  if (failed == 0 && out != nullptr) jpeg.assign(reinterpret_cast<const char*>(out), out_size);
  tjFree(out);
  if (failed != 0) {
    return absl::InternalError(fmt::format("TurboJPEG: {}", tjGetErrorStr2(encoder.get())));
  }
  return jpeg;
}

}  // namespace

absl::StatusOr<ImageFormat> FormatOfContentType(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  std::string lower(type);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (ImageFormat format : {ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kWebp}) {
    if (lower == ContentTypeOf(format)) return format;
  }
  return absl::InvalidArgumentError(
      "the photo must be sent as Content-Type image/jpeg, image/png or image/webp");
}

absl::StatusOr<PhotoSet> PreparePhoto(std::string_view bytes, std::string_view content_type) {
  absl::StatusOr<ImageFormat> declared = FormatOfContentType(content_type);
  if (!declared.ok()) return declared.status();
  absl::StatusOr<ImageFormat> format = Sniff(bytes);
  if (!format.ok()) return format.status();
  if (*format != *declared) {
    return absl::InvalidArgumentError(
        fmt::format("the photo is a {} image, but its Content-Type says {}", NameOf(*format),
                    ContentTypeOf(*declared)));
  }
  absl::StatusOr<Pixels> pixels = *format == ImageFormat::kJpeg  ? DecodeJpeg(bytes)
                                  : *format == ImageFormat::kPng ? DecodePng(bytes)
                                                                 : DecodeWebp(bytes);
  if (!pixels.ok()) return pixels.status();

  // The centre square, imported straight from the decoded rows (no copy of the rest).
  const int side = std::min(pixels->width, pixels->height);
  const int left = (pixels->width - side) / 2;
  const int top = (pixels->height - side) / 2;
  const int stride = pixels->width * pixels->channels;
  const uint8_t* origin = pixels->data.data() + static_cast<size_t>(top) * stride +
                          static_cast<size_t>(left) * pixels->channels;
  Picture large;
  large.picture.width = side;
  large.picture.height = side;
  const int imported = pixels->channels == 4 ? WebPPictureImportRGBA(&large.picture, origin, stride)
                                             : WebPPictureImportRGB(&large.picture, origin, stride);
  if (!imported) return absl::InternalError("libwebp: out of memory for the photo");
  if (pixels->channels == 4) WebPBlendAlpha(&large.picture, 0xFFFFFF);
  pixels->data = std::vector<uint8_t>();  // The square is all that is needed now.

  if (!WebPPictureRescale(&large.picture, kLargePhotoSide, kLargePhotoSide)) {
    return absl::InternalError("libwebp: out of memory for the photo");
  }
  Picture small;
  if (!WebPPictureCopy(&large.picture, &small.picture) ||
      !WebPPictureRescale(&small.picture, kSmallPhotoSide, kSmallPhotoSide)) {
    return absl::InternalError("libwebp: out of memory for the photo");
  }
  PhotoSet photos;
  absl::StatusOr<std::string> large_jpeg = EncodeJpeg(large.picture);
  if (!large_jpeg.ok()) return large_jpeg.status();
  absl::StatusOr<std::string> small_jpeg = EncodeJpeg(small.picture);
  if (!small_jpeg.ok()) return small_jpeg.status();
  photos.large = *std::move(large_jpeg);
  photos.small = *std::move(small_jpeg);
  return photos;
}

}  // namespace ledd::media
