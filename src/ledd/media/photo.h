#pragma once
// A member's profile photo, from the bytes a client uploads to the two JPEGs ledd
// stores and serves. The only code that sees the image libraries: libjpeg-turbo's
// TurboJPEG API, libpng's simplified API and libwebp (Debian's libturbojpeg0-dev,
// libpng-dev, libwebp-dev). No libvips or ImageMagick: they bring decoders for PDF,
// SVG and dozens of formats no profile photo needs, each a way in for a hostile file.
//
// What PreparePhoto does, in order:
//   1. Recognises the format by its magic bytes (JPEG FF D8 FF, PNG's 8-byte
//      signature, WebP's RIFF....WEBP). The declared Content-Type must name the same
//      format: a client that says image/png and sends a JPEG has a bug worth knowing
//      about, and the bytes, never the header, choose the decoder.
//   2. Reads the dimensions from the header alone and refuses, before any pixel is
//      decoded, an image whose short side is under kMinPhotoSide or that has more than
//      kMaxPhotoPixels: a small file that claims 100000x100000 costs nothing.
//   3. Decodes (a JPEG at the smallest DCT scale that keeps the short side at least
//      kLargePhotoSide, so a 24-megapixel camera file is decoded at a quarter of its
//      size). A truncated or corrupt file is refused: TurboJPEG stops on warnings,
//      libpng's simplified API and libwebp report errors as return values (no longjmp
//      crosses our frames). Transparent pixels are laid on white. An animated WebP
//      and a CMYK JPEG are refused.
//   4. Crops the centre square and scales it to kLargePhotoSide and kSmallPhotoSide
//      with libwebp's rescaler (area averaging when shrinking; bilinear when growing).
//      A square smaller than kLargePhotoSide (96 to 399 px) is scaled up, so the large
//      photo is always kLargePhotoSide square and the UI needs no second layout.
//   5. Encodes both as baseline JPEG, quality kPhotoQuality, 4:2:0. The encoder writes
//      only the JFIF header: EXIF (GPS position, camera serial), XMP, ICC profiles and
//      comments of the upload are gone by construction, since only pixels cross from
//      decoder to encoder. EXIF orientation is not applied (reading it would need an
//      EXIF parser): a client that wants a sideways phone photo upright turns it
//      before upload, as a browser does when it draws the photo on a canvas.
//
// Pure function of its input; thread-safe. Memory: the decoded image at 3 to 4 bytes
// per pixel plus the square at 4, so at most about 300 MB for a 40-megapixel PNG;
// callers bound how many run at once.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ledd::media {

inline constexpr int kLargePhotoSide = 400;
inline constexpr int kSmallPhotoSide = 96;
// The shortest side an upload may have: the small photo is never scaled up.
inline constexpr int kMinPhotoSide = 96;
inline constexpr int64_t kMaxPhotoPixels = 40'000'000;
inline constexpr int kPhotoQuality = 85;

enum class ImageFormat { kJpeg, kPng, kWebp };

// The two JPEGs of one photo.
struct PhotoSet {
  std::string large;  // kLargePhotoSide x kLargePhotoSide
  std::string small;  // kSmallPhotoSide x kSmallPhotoSide
};

// The format a Content-Type names ("image/jpeg", "image/png", "image/webp"; parameters
// and case ignored); InvalidArgument for any other.
absl::StatusOr<ImageFormat> FormatOfContentType(std::string_view content_type);

// The photo set of an uploaded image. InvalidArgument, with a message a member can act
// on, when the bytes are no JPEG, PNG or WebP, disagree with `content_type`, do not
// decode, or have the wrong size (see above).
absl::StatusOr<PhotoSet> PreparePhoto(std::string_view bytes, std::string_view content_type);

}  // namespace ledd::media
