#pragma once

#include "core/result.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace bulkhead {

/**
 * The folder an import may read from: a Compose project's folder (`extends`, `env_file`, `.env`)
 * or a folder of Kubernetes manifests. A path is inside when its canonical form — every
 * symbolic link on the way resolved — is the folder or lies below it, so `/etc/shadow`,
 * `../../etc/passwd` and a link to either are outside, while a link between two files of the
 * folder is fine. Messages name the path as it was written and never quote a file's contents.
 */
class ProjectFolder
{
public:
    /**
     * The folder `path`, described in messages as `description` ("the project folder proj").
     * An error names `path` when it does not exist or is not a folder.
     */
    static Result<ProjectFolder> open(const std::filesystem::path &path, std::string description);

    /** The folder as it was given (relative paths stay relative). */
    const std::filesystem::path &path() const { return m_path; }
    const std::filesystem::path &canonical() const { return m_canonical; }

    /**
     * The canonical path of `path` when it lies inside the folder; a path that does not exist
     * resolves as far as it does. Otherwise an error without position, naming `written`:
     * "WRITTEN is outside the project folder proj; …" or "WRITTEN leads outside … through a
     * symbolic link; …".
     */
    Result<std::filesystem::path> resolve(const std::filesystem::path &path,
                                          const std::string &written) const;

    /**
     * The text of a file inside the folder, read through its canonical path. Errors name
     * `written` ("WRITTEN: cannot open: No such file or directory"), never the contents.
     */
    Result<std::string> readText(const std::filesystem::path &path, const std::string &written,
                                 std::uintmax_t maxBytes) const;

private:
    ProjectFolder(std::filesystem::path path, std::filesystem::path canonical,
                  std::string description)
        : m_path(std::move(path))
        , m_canonical(std::move(canonical))
        , m_description(std::move(description))
    {}

    bool contains(const std::filesystem::path &canonical) const;

    std::filesystem::path m_path;
    std::filesystem::path m_canonical;
    std::string m_description;
};

} // namespace bulkhead
