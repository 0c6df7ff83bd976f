// The SHA-256 and HMAC primitives against published vectors, and the
// prepared HMAC key against the one-off computation.

#include "internal/crypto.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace csms {
namespace internal {
namespace {

std::string PreparedHmacHex(std::string_view key, std::string_view data) {
  std::string hex = "prefix:";
  HmacSha256Key(key).AppendHex(data, &hex);
  return hex.substr(7);
}

TEST(Sha256Hex, MatchesFips180Vectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// RFC 4231 test cases 1, 2 and 6 (a key longer than a block is hashed first).
TEST(HmacSha256, MatchesRfc4231Vectors) {
  struct Vector {
    std::string key;
    std::string data;
    const char* mac;
  };
  const std::vector<Vector> vectors = {
      {std::string(20, '\x0b'), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"Jefe", "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
  };
  for (const Vector& v : vectors) {
    EXPECT_EQ(HmacSha256Hex(v.key, v.data), v.mac);
    EXPECT_EQ(PreparedHmacHex(v.key, v.data), v.mac);
  }
}

// Key lengths around the block size (64) and data lengths around the point
// where the padding needs another block (55, 56).
TEST(HmacSha256Key, EqualsTheOneOffHmacForEveryKeyAndDataLength) {
  for (const std::size_t key_size : {0u, 1u, 32u, 63u, 64u, 65u, 200u}) {
    const std::string key(key_size, static_cast<char>('k' + key_size % 7));
    const HmacSha256Key prepared(key);
    for (const std::size_t data_size : {0u, 1u, 55u, 56u, 64u, 97u, 300u}) {
      const std::string data(data_size, static_cast<char>('d' + data_size % 5));
      std::string hex;
      prepared.AppendHex(data, &hex);
      EXPECT_EQ(hex, HmacSha256Hex(key, data)) << key_size << " " << data_size;
    }
  }
}

// Used for every signature of a client, so from many threads at once; each
// MAC must start from the untouched key states.
TEST(HmacSha256Key, IsSharedSafelyBetweenThreads) {
  const HmacSha256Key prepared("SKtestSKtestSKtestSKtestSKtestSKtest0001");
  const std::string expected = HmacSha256Hex("SKtestSKtestSKtestSKtestSKtestSKtest0001", "data");
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (std::size_t t = 0; t < mismatches.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string hex;
        prepared.AppendHex("data", &hex);
        if (hex != expected) ++mismatches[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(mismatches.size(), 0));
}

}  // namespace
}  // namespace internal
}  // namespace csms
