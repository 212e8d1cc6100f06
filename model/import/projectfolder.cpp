#include "projectfolder.h"

#include "io/textfile.h"

#include <algorithm>

namespace bulkhead {

namespace fs = std::filesystem;

Result<ProjectFolder> ProjectFolder::open(const fs::path &path, std::string description)
{
    std::error_code error;
    const fs::path folder = path.empty() ? fs::path(".") : path;
    if (!fs::is_directory(folder, error))
        return Result<ProjectFolder>::failure(
            folder.string() + ": " + (error ? error.message() : std::string("not a folder")));
    const fs::path canonical = fs::canonical(folder, error);
    if (error)
        return Result<ProjectFolder>::failure(folder.string() + ": " + error.message());
    return ProjectFolder(folder, canonical, std::move(description));
}

bool ProjectFolder::contains(const fs::path &canonical) const
{
    // Component by component, so that /srv/app-old is not taken to be inside /srv/app.
    const auto [folderEnd, pathEnd] = std::mismatch(m_canonical.begin(), m_canonical.end(),
                                                    canonical.begin(), canonical.end());
    (void)pathEnd;
    return folderEnd == m_canonical.end();
}

Result<fs::path> ProjectFolder::resolve(const fs::path &path, const std::string &written) const
{
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error);
    // weakly_canonical follows every symbolic link of the part that exists, then appends the
    // rest: a link anywhere on the way counts, not only the last one.
    const fs::path canonical = error ? fs::path() : fs::weakly_canonical(absolute, error);
    if (error)
        return Result<fs::path>::failure(written + ": cannot resolve the path: " + error.message());
    if (contains(canonical))
        return canonical;
    // Lexically inside but canonically outside: a link on the way leads out.
    const fs::path lexical = absolute.lexically_normal();
    fs::path folder = fs::absolute(m_path, error).lexically_normal();
    if (!folder.empty() && !folder.has_filename())
        folder = folder.parent_path();
    const bool lexicallyInside =
        !error
        && std::mismatch(folder.begin(), folder.end(), lexical.begin(), lexical.end()).first
               == folder.end();
    return Result<fs::path>::failure(
        written
        + (lexicallyInside ? " leads outside " + m_description + " through a symbolic link"
                           : " is outside " + m_description)
        + "; the import reads only files inside it");
}

Result<std::string> ProjectFolder::readText(const fs::path &path, const std::string &written,
                                            std::uintmax_t maxBytes) const
{
    const auto canonical = resolve(path, written);
    if (!canonical)
        return Result<std::string>::failure(canonical.error());
    auto text = readTextFile(*canonical, maxBytes);
    if (text)
        return text;
    // readTextFile says "PATH: reason"; the reader knows the path as written, not as resolved.
    const std::string prefix = canonical->string() + ": ";
    const std::string &message = text.error();
    return Result<std::string>::failure(written + ": "
                                        + (message.rfind(prefix, 0) == 0
                                               ? message.substr(prefix.size())
                                               : std::string("cannot read")));
}

} // namespace bulkhead
