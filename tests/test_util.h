// Helpers shared by the tests: the loaded engine, temporary folders, files.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "isnad/document/analyze.h"

namespace isnad::testing {

// The engine as shipped: the learned relation detector decides relations.
inline const Engine& TestEngine() {
  static Engine* engine = [] {
    auto* e = new Engine();
    Status s = Engine::Load(ISNAD_RESOURCES_DIR, *e);
    if (!s.ok()) {
      ADD_FAILURE() << s.message();
    }
    return e;
  }();
  return *engine;
}

// The engine with the hand-written claim rules deciding relations: what the
// relation detector reads as its "rule" features.
inline const Engine& RulesEngine() {
  static Engine* engine = [] {
    auto* e = new Engine();
    Status s = Engine::Load(ISNAD_RESOURCES_DIR, *e, /*with_relation_model=*/false);
    if (!s.ok()) {
      ADD_FAILURE() << s.message();
    }
    return e;
  }();
  return *engine;
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("isnad_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& bytes) const {
    auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    return p.string();
  }
  std::string path() const { return path_.string(); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A republished copy of the bundled example d07 (Human Rights Watch on
// Aden): another outlet's headline and date line, the same body, then
// `added`. Written to `name` under `dir`; the path is returned.
inline std::string WriteRepublishedCopy(const TempDir& dir, const std::string& name, const std::string& added = "") {
  std::string original = ReadFile(std::string(ISNAD_EXAMPLES_DIR) + "/d07_ec5d9d8005.txt");
  std::string body = original.substr(original.find('\n', original.find('\n') + 1));
  return dir.Write(name, "هيومن رايتس ووتش تتهم الحوثيين بقصف عدن\n01/08/2015\n" + body + added);
}

inline bool SharedAvailable() { return std::filesystem::exists(std::string(ISNAD_SHARED_DIR) + "/eval/score.py"); }

}  // namespace isnad::testing
