#pragma once

// Shared by the libFuzzer harnesses (docs/fuzzing.md). Plain C++: the harnesses never need Qt.

#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "core/result.h"
#include "core/threatmodel.h"
#include "import/importresult.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <unistd.h>

namespace bulkhead::fuzz {

inline std::string_view asText(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

/**
 * The input cut at NUL bytes, for harnesses that read several files (YAML text holds no NUL):
 * at most `maxParts`, the last one keeping any further NULs.
 */
inline std::vector<std::string_view> splitAtNul(std::string_view input, std::size_t maxParts)
{
    std::vector<std::string_view> parts;
    while (parts.size() + 1 < maxParts) {
        const std::size_t nul = input.find('\0');
        if (nul == std::string_view::npos)
            break;
        parts.push_back(input.substr(0, nul));
        input.remove_prefix(nul + 1);
    }
    parts.push_back(input);
    return parts;
}

/** Stops the run as a finding: libFuzzer saves the input that got here. */
[[noreturn]] inline void fail(const std::string &what)
{
    std::fprintf(stderr, "fuzz: %s\n", what.c_str());
    std::abort();
}

/**
 * Bad input must give an error naming the source ("Every error is one line on stderr naming the
 * file"); an empty or anonymous message is a finding like a crash. That the message shows as one
 * line is the printing side's business (the CLI escapes what it prints), so it is not checked.
 */
inline void expectErrorNaming(const std::string &error, const std::string &source)
{
    if (error.empty())
        fail("an error without a message");
    if (error.find(source) == std::string::npos)
        fail("an error message that does not name " + source + ": " + error);
}

/**
 * A model that loaded (or that an import produced) must save and load again, and saving the
 * reloaded model must give the same bytes: otherwise the user's next save loses their work.
 */
inline void expectSavesAndReloads(const ThreatModel &model)
{
    const std::string saved = writeModelText(model);
    const auto reloaded = readModelText(saved, "saved.bulkhead.json");
    if (!reloaded)
        fail("a saved model does not load again: " + reloaded.error());
    if (writeModelText(reloaded->model) != saved)
        fail("saving a reloaded model gives different bytes");
}

/**
 * What the importer harnesses ask of any import: refused with an error naming `source` (the
 * scratch directory the input files are in), or a model that validates, whose report formats,
 * and that saves and loads again.
 */
inline void checkImport(const Result<ImportResult> &imported, const std::string &source)
{
    if (!imported) {
        expectErrorNaming(imported.error(), source);
        return;
    }
    validateModel(imported->model, builtInCatalog());
    formatImportReport(imported->report);
    expectSavesAndReloads(imported->model);
}

/**
 * A realistic model to evaluate rules against: the example named by BULKHEAD_FUZZ_SAMPLE_MODEL
 * (tests/fuzz/CMakeLists.txt), loaded once.
 */
inline const ThreatModel &sampleModel()
{
    static const ThreatModel model = [] {
        auto loaded = readModelFile(BULKHEAD_FUZZ_SAMPLE_MODEL);
        if (!loaded)
            fail("the sample model does not load: " + loaded.error());
        return std::move(loaded->model);
    }();
    return model;
}

/**
 * A directory of this process's own for harnesses whose code under test reads files. Every
 * run writes all the files it uses, so nothing of one input leaks into the next.
 */
class ScratchDirectory
{
public:
    ScratchDirectory()
    {
        std::error_code error;
        const auto base = std::filesystem::temp_directory_path(error);
        std::string pattern = (error ? std::filesystem::path("/tmp") : base) / "bulkhead-fuzz-XXXXXX";
        if (!::mkdtemp(pattern.data()))
            fail("cannot create a scratch directory in " + base.string());
        m_path = pattern;
    }
    ~ScratchDirectory()
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    ScratchDirectory(const ScratchDirectory &) = delete;
    ScratchDirectory &operator=(const ScratchDirectory &) = delete;

    const std::filesystem::path &path() const { return m_path; }

    /** Writes `bytes` to NAME in the directory and returns its path. */
    std::string write(const std::string &name, std::string_view bytes) const
    {
        const auto file = m_path / name;
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out)
            fail("cannot write " + file.string());
        return file.string();
    }

    /** Removes everything the previous run wrote. */
    void clear() const
    {
        std::error_code error;
        for (const auto &entry : std::filesystem::directory_iterator(m_path, error))
            std::filesystem::remove_all(entry.path(), error);
        if (error)
            fail("cannot clear " + m_path.string() + ": " + error.message());
    }

private:
    std::filesystem::path m_path;
};

} // namespace bulkhead::fuzz
