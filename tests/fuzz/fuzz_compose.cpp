// libFuzzer harness: the Docker Compose importer (import/composeimporter). The importer reads
// files, so the input becomes files in a scratch directory of this process, rewritten every
// run. The input is cut at NUL bytes into:
//   1. compose.yml, the first file given;
//   2. compose.override.yml, given second unless empty (merging);
//   3. .env beside them (interpolation);
//   4. and further parts: "NAME\nTEXT", the file NAME for `extends: file:` and `env_file:`
//      (NAME limited to letters, digits, '.', '_' and '-', so it stays in the directory).
// Any input either imports to a model that validates, saves and loads again, or is refused
// with an error naming the file.

#include "fuzzsupport.h"

#include "import/composeimporter.h"

#include <map>
#include <string>
#include <vector>

namespace {

bool safeFileName(std::string_view name)
{
    if (name.empty() || name.size() > 64 || name.front() == '.')
        return false;
    for (const char c : name) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                             || c == '.' || c == '_' || c == '-';
        if (!allowed)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bulkhead;
    static const fuzz::ScratchDirectory scratch;
    // Interpolation reads these before .env, as the CLI reads the process environment.
    static const std::map<std::string, std::string> environment{{"TAG", "1.2"}, {"REGISTRY", "registry.example"}};

    const auto parts = fuzz::splitAtNul(fuzz::asText(data, size), 8);
    scratch.clear();
    std::vector<std::string> files{scratch.write("compose.yml", parts[0])};
    if (parts.size() > 1 && !parts[1].empty())
        files.push_back(scratch.write("compose.override.yml", parts[1]));
    if (parts.size() > 2)
        scratch.write(".env", parts[2]);
    for (std::size_t i = 3; i < parts.size(); ++i) {
        const std::size_t newline = parts[i].find('\n');
        const std::string_view name = parts[i].substr(0, newline);
        if (newline != std::string_view::npos && safeFileName(name)
            && name != "compose.yml" && name != "compose.override.yml")
            scratch.write(std::string(name), parts[i].substr(newline + 1));
    }

    const auto imported = importCompose(files, environment);
    fuzz::checkImport(imported, scratch.path().string());
    return 0;
}
