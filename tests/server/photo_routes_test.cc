// The photo routes of `ledd serve`, driven over loopback with a real HTTP client and
// images the test encodes with TurboJPEG and libpng: upload, both sizes served with an
// ETag and a 304 for If-None-Match, has_photo in GET /members/{id} flipping on upload
// and delete, the body limit (a photo near 5 MB passes, more is 413, and other routes
// keep theirs), the refusals, and the profile's visibility (a member who blocked the
// caller: 404).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "png.h"
#include "server/server_process.h"
#include "testing/temp_dir.h"
#include "turbojpeg.h"

namespace ledd {
namespace {

using json = nlohmann::json;
using testing::ServerProcess;
using testing::TempDir;

constexpr size_t kMiB = 1024 * 1024;

using Member = testing::SignedUpMember;

std::string Jpeg(int width, int height) {
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * height * 3);
  for (size_t i = 0; i < rgb.size(); ++i) rgb[i] = static_cast<uint8_t>(i * 7);
  tjhandle encoder = tjInitCompress();
  unsigned char* out = nullptr;
  unsigned long size = 0;
  EXPECT_EQ(
      tjCompress2(encoder, rgb.data(), width, 0, height, TJPF_RGB, &out, &size, TJSAMP_420, 90, 0),
      0);
  std::string bytes(reinterpret_cast<const char*>(out), size);
  tjFree(out);
  tjDestroy(encoder);
  return bytes;
}

// Random noise, which PNG cannot compress: about 3 bytes a pixel.
std::string NoisePng(int width, int height) {
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * height * 3);
  std::mt19937 random(7);
  for (uint8_t& sample : rgb) sample = static_cast<uint8_t>(random());
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = width;
  image.height = height;
  image.format = PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  EXPECT_NE(png_image_write_to_memory(&image, nullptr, &size, 0, rgb.data(), 0, nullptr), 0);
  std::string bytes(size, '\0');
  EXPECT_NE(png_image_write_to_memory(&image, bytes.data(), &size, 0, rgb.data(), 0, nullptr), 0);
  bytes.resize(size);
  return bytes;
}

// The dimensions of a JPEG, from its header.
std::pair<int, int> JpegSize(const std::string& bytes) {
  tjhandle decoder = tjInitDecompress();
  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  EXPECT_EQ(tjDecompressHeader3(decoder, reinterpret_cast<const unsigned char*>(bytes.data()),
                                bytes.size(), &width, &height, &subsampling, &colorspace),
            0);
  tjDestroy(decoder);
  return {width, height};
}

// Sends a request head (no body) on a fresh loopback connection and returns what the
// server answers before it closes: a body limit is enforced from the head alone.
std::string AnswerToHead(int port, const std::string& head) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      send(fd, head.data(), head.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(head.size())) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd poll_fd{fd, POLLIN, 0};
      if (poll(&poll_fd, 1, 100) <= 0) continue;
      char buffer[4096];
      const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      answer.append(buffer, static_cast<size_t>(got));
    }
  }
  close(fd);
  return answer;
}

class PhotoRoutesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // A server that refuses a body stops reading it; the client's write then fails
    // with EPIPE instead of killing the test.
    std::signal(SIGPIPE, SIG_IGN);
    dir_ = new TempDir();
    db_ = testing::ImportGeneratedNetwork(*dir_, 30, 9);
    ASSERT_FALSE(db_.empty());
    server_ = new ServerProcess(db_, {"--signups-per-hour", "100"});
    ASSERT_GT(server_->port(), 0);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static httplib::Client Client() { return server_->Client(30); }

  static Member SignUp(const std::string& name) { return testing::SignUp(*server_, name); }

  static httplib::Headers Bearer(const Member& member, httplib::Headers more = {}) {
    more.emplace("Authorization", "Bearer " + member.token);
    return more;
  }

  static httplib::Result Upload(const Member& member, const std::string& bytes,
                                const std::string& content_type) {
    return Client().Put("/api/v1/me/photo", Bearer(member), bytes, content_type.c_str());
  }

  static httplib::Result Photo(const Member& viewer, int64_t member, const std::string& query = "",
                               httplib::Headers headers = {}) {
    const std::string path = fmt::format("/api/v1/members/{}/photo{}", member, query);
    return Client().Get(path.c_str(), Bearer(viewer, std::move(headers)));
  }

  static json Profile(const Member& viewer, int64_t member) {
    httplib::Result result =
        Client().Get(fmt::format("/api/v1/members/{}", member).c_str(), Bearer(viewer));
    EXPECT_TRUE(result);
    if (!result) return json();
    EXPECT_EQ(result->status, 200) << result->body;
    return testing::BodyOf(result);
  }

  static void ExpectError(const httplib::Result& result, int status, const std::string& code,
                          const std::string& message_part = "") {
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, status) << result->body;
    json body = testing::BodyOf(result);
    ASSERT_TRUE(body.is_object()) << result->body;
    EXPECT_EQ(body["error"]["code"], code) << result->body;
    EXPECT_NE(body["error"]["message"].get<std::string>().find(message_part), std::string::npos)
        << result->body;
  }

  static TempDir* dir_;
  static std::string db_;
  static ServerProcess* server_;
};

TempDir* PhotoRoutesTest::dir_ = nullptr;
std::string PhotoRoutesTest::db_;
ServerProcess* PhotoRoutesTest::server_ = nullptr;

TEST_F(PhotoRoutesTest, UploadServesBothSizesAndFlipsHasPhotoUntilDeleted) {
  const Member ada = SignUp("ada");
  const Member bob = SignUp("bob");  // Out of ada's network: the reduced profile.
  EXPECT_EQ(Profile(bob, ada.id)["has_photo"], false);
  ExpectError(Photo(bob, ada.id), 404, "NOT_FOUND", "has no photo");

  httplib::Result uploaded = Upload(ada, Jpeg(640, 480), "image/jpeg");
  ASSERT_TRUE(uploaded);
  ASSERT_EQ(uploaded->status, 200) << uploaded->body;
  const json answer = testing::BodyOf(uploaded);
  EXPECT_EQ(answer["member"], ada.id);
  EXPECT_EQ(answer["has_photo"], true);
  EXPECT_TRUE(answer["updated_at"].is_string());
  EXPECT_EQ(Profile(bob, ada.id)["has_photo"], true);
  EXPECT_EQ(Profile(ada, ada.id)["has_photo"], true);

  httplib::Result large = Photo(bob, ada.id);
  ASSERT_TRUE(large);
  ASSERT_EQ(large->status, 200);
  EXPECT_EQ(large->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(large->get_header_value("Cache-Control"), "private, no-cache");
  EXPECT_EQ(large->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(JpegSize(large->body), (std::pair{400, 400}));
  EXPECT_EQ(Photo(bob, ada.id, "?size=400")->body, large->body);
  httplib::Result small = Photo(bob, ada.id, "?size=96");
  ASSERT_TRUE(small);
  ASSERT_EQ(small->status, 200);
  EXPECT_EQ(JpegSize(small->body), (std::pair{96, 96}));

  // The ETag: a revalidation with it is answered 304 without the image.
  const std::string tag = large->get_header_value("ETag");
  ASSERT_FALSE(tag.empty());
  EXPECT_NE(small->get_header_value("ETag"), tag);
  httplib::Result unchanged = Photo(bob, ada.id, "", {{"If-None-Match", tag}});
  ASSERT_TRUE(unchanged);
  EXPECT_EQ(unchanged->status, 304);
  EXPECT_TRUE(unchanged->body.empty());
  EXPECT_EQ(unchanged->get_header_value("ETag"), tag);
  EXPECT_EQ(Photo(bob, ada.id, "", {{"If-None-Match", "\"other\", W/" + tag}})->status, 304);
  EXPECT_EQ(Photo(bob, ada.id, "", {{"If-None-Match", "\"other\""}})->status, 200);

  // A new photo has a new tag, so the old one revalidates to the new image.
  ASSERT_EQ(Upload(ada, NoisePng(300, 200), "image/png")->status, 200);
  httplib::Result replaced = Photo(bob, ada.id, "", {{"If-None-Match", tag}});
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->status, 200);
  EXPECT_NE(replaced->get_header_value("ETag"), tag);

  httplib::Result deleted = Client().Delete("/api/v1/me/photo", Bearer(ada));
  ASSERT_TRUE(deleted);
  ASSERT_EQ(deleted->status, 200) << deleted->body;
  EXPECT_EQ(testing::BodyOf(deleted), (json{{"member", ada.id}, {"has_photo", false}}));
  EXPECT_EQ(Profile(bob, ada.id)["has_photo"], false);
  ExpectError(Photo(bob, ada.id), 404, "NOT_FOUND", "has no photo");
  ExpectError(Client().Delete("/api/v1/me/photo", Bearer(ada)), 404, "NOT_FOUND", "has no photo");
}

TEST_F(PhotoRoutesTest, UploadsAreRefusedWithTheReason) {
  const Member cid = SignUp("cid");
  ExpectError(Upload(cid, Jpeg(200, 200), "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE",
              "image/jpeg, image/png or image/webp");
  ExpectError(Upload(cid, Jpeg(200, 200), "application/json"), 415, "UNSUPPORTED_MEDIA_TYPE");
  ExpectError(Upload(cid, Jpeg(200, 200), "image/png"), 400, "INVALID_ARGUMENT",
              "the photo is a JPEG image, but its Content-Type says image/png");
  ExpectError(Upload(cid, Jpeg(200, 80), "image/jpeg"), 400, "INVALID_ARGUMENT",
              "too small: 200x80 pixels");
  const std::string jpeg = Jpeg(300, 300);
  ExpectError(Upload(cid, jpeg.substr(0, jpeg.size() / 2), "image/jpeg"), 400, "INVALID_ARGUMENT",
              "could not be decoded");
  ExpectError(Upload(cid, "GIF89a", "image/webp"), 400, "INVALID_ARGUMENT",
              "not a JPEG, PNG or WebP");
  ExpectError(Client().Put("/api/v1/me/photo", Bearer(cid), "", "image/jpeg"), 400,
              "INVALID_ARGUMENT", "the body is empty");
  ExpectError(Client().Put("/api/v1/me/photo", jpeg, "image/jpeg"), 401, "UNAUTHENTICATED");
  ExpectError(Photo(cid, cid.id, "?size=200"), 400, "INVALID_ARGUMENT",
              "\"size\" must be 400 or 96");
  ExpectError(Photo(cid, cid.id, "?width=96"), 400, "INVALID_ARGUMENT", "unknown parameter");
  ExpectError(Photo(cid, 999'999'999), 404, "NOT_FOUND", "member 999999999 not found");
  EXPECT_EQ(Profile(cid, cid.id)["has_photo"], false);  // Nothing was saved.
  // has_photo is the upload's to set: a profile edit that names it leaves it alone.
  Client().Put("/api/v1/me", Bearer(cid), json{{"has_photo", true}}.dump(), "application/json");
  EXPECT_EQ(Profile(cid, cid.id)["has_photo"], false);
}

TEST_F(PhotoRoutesTest, APhotoMayBeFiveMegabytesAndNoMore) {
  const Member dag = SignUp("dag");
  // A real photo well above the 64 KiB of other bodies.
  const std::string large_png = NoisePng(1400, 1000);
  ASSERT_GT(large_png.size(), 4 * kMiB);
  ASSERT_LT(large_png.size(), 5 * kMiB);
  httplib::Result accepted = Upload(dag, large_png, "image/png");
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body;
  // Exactly 5 MiB reaches the decoder (which finds no image); one byte more does not.
  ExpectError(Upload(dag, std::string(5 * kMiB, 'x'), "image/jpeg"), 400, "INVALID_ARGUMENT",
              "not a JPEG, PNG or WebP");
  // Refused from the head: a declared length, or a chunk, over the limit. The larger
  // limit is the upload's only: other routes (and POST on its path) keep theirs.
  const auto head = [&dag](const std::string& request_line, const std::string& framing) {
    return AnswerToHead(server_->port(),
                        fmt::format("{} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    "Authorization: Bearer {}\r\nContent-Type: image/jpeg\r\n"
                                    "{}\r\n",
                                    request_line, dag.token, framing));
  };
  const std::string too_long = fmt::format("Content-Length: {}\r\n", 5 * kMiB + 1);
  const std::string long_chunk =
      fmt::format("Transfer-Encoding: chunked\r\n\r\n{:x}\r\n", 5 * kMiB + 1);
  const std::string long_for_others = fmt::format("Content-Length: {}\r\n", 100 * 1024);
  for (const std::string& answer :
       {head("PUT /api/v1/me/photo", too_long), head("PUT /api/v1/me/photo?x=1", too_long),
        head("PUT /api/v1/me/photo", long_chunk), head("PUT /api/v1/me", long_for_others),
        head("POST /api/v1/me/photo", long_for_others)}) {
    EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer.substr(0, 200);
    EXPECT_NE(answer.find("PAYLOAD_TOO_LARGE"), std::string::npos) << answer;
  }
  // Below its limit a chunked upload is read like any other.
  const std::string jpeg = Jpeg(200, 200);
  const std::string chunked =
      head("PUT /api/v1/me/photo",
           fmt::format("Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{}\r\n0\r\n",
                       jpeg.size(), jpeg));
  EXPECT_EQ(chunked.rfind("HTTP/1.1 200", 0), 0u) << chunked.substr(0, 300);
}

TEST_F(PhotoRoutesTest, APhotoIsHiddenLikeTheProfileFromAMemberBlocked) {
  const Member eva = SignUp("eva");
  const Member fin = SignUp("fin");
  ASSERT_EQ(Upload(eva, Jpeg(500, 500), "image/jpeg")->status, 200);
  ASSERT_EQ(Photo(fin, eva.id)->status, 200);
  httplib::Result blocked = Client().Post("/api/v1/blocks", Bearer(eva),
                                          json{{"member", fin.id}}.dump(), "application/json");
  ASSERT_TRUE(blocked);
  ASSERT_EQ(blocked->status, 201) << blocked->body;
  // The same answer as the profile's, and as for a member who does not exist.
  const std::string not_found = fmt::format("member {} not found", eva.id);
  ExpectError(Photo(fin, eva.id), 404, "NOT_FOUND", not_found);
  ExpectError(Client().Get(fmt::format("/api/v1/members/{}", eva.id).c_str(), Bearer(fin)), 404,
              "NOT_FOUND", not_found);
  // The blocker still sees the blocked member's, and their own.
  EXPECT_EQ(Photo(eva, eva.id)->status, 200);
}

}  // namespace
}  // namespace ledd
