#include "textfile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace bulkhead {

namespace {

std::string failure(const std::filesystem::path &path, const std::string &reason)
{
    return path.string() + ": " + reason;
}

std::string errnoText(int error)
{
    return std::strerror(error);
}

mode_t currentUmask()
{
    // umask() can only be read by setting it; set it straight back.
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return mask;
}

/** "a named pipe (FIFO)" and the like, for "PATH: is ..." messages. */
std::string describeFileType(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a named pipe (FIFO)";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISLNK(mode))
        return "a symbolic link";
    return "not a regular file";
}

/**
 * Whether a save must not replace this regular file. Root may write anything, so a file
 * without any write bit counts as read-only too: that is what `chmod a-w` asked for.
 */
bool isReadOnly(const std::filesystem::path &path, const struct stat &info)
{
    if ((info.st_mode & 0222) == 0)
        return true;
    return ::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) != 0 && errno == EACCES;
}

std::string readOnlyRefusal(const std::filesystem::path &requested, bool throughLink,
                            const SaveOptions &options)
{
    return failure(
        requested,
        std::string(throughLink ? "points to a read-only file" : "is read-only") + "; "
            + (options.readOnlyAdvice.empty() ? "not replacing it" : options.readOnlyAdvice));
}

/** Where a save to a path goes, decided before anything is written. */
struct SaveTarget
{
    enum class Kind {
        NewFile,        // created through a temporary file
        RegularFile,    // replaced through a temporary file
        Device,         // a character device: opened and written
        StandardOutput, // this process's pipe or socket: written through descriptor 1
    };
    Kind kind = Kind::NewFile;
    /** The file to create or replace: the final target when the path is a symbolic link. */
    std::filesystem::path path;
    struct stat info = {};
};

/** The missing file at the end of a dangling chain of symbolic links, to be created there. */
Result<std::filesystem::path> danglingLinkTarget(const std::filesystem::path &link)
{
    using PathResult = Result<std::filesystem::path>;
    std::filesystem::path current = link;
    for (int hop = 0; hop < 40; ++hop) {
        std::error_code error;
        const std::filesystem::path next = std::filesystem::read_symlink(current, error);
        if (error)
            return PathResult::failure(
                failure(link, "cannot follow the symbolic link: " + error.message()));
        current = next.is_absolute() ? next : current.parent_path() / next;
        struct stat info = {};
        if (::lstat(current.c_str(), &info) != 0) {
            if (errno == ENOENT)
                return current;
            return PathResult::failure(
                failure(link, "cannot follow the symbolic link: " + errnoText(errno)));
        }
        if (!S_ISLNK(info.st_mode)) // stat() found nothing at the end, yet here is something
            return PathResult::failure(failure(link, "changed while saving; not writing to it"));
    }
    return PathResult::failure(
        failure(link, "cannot follow the symbolic link: " + errnoText(ELOOP)));
}

Result<SaveTarget> resolveSaveTarget(const std::filesystem::path &requested,
                                     const SaveOptions &options)
{
    using TargetResult = Result<SaveTarget>;
    SaveTarget target;
    target.path = requested;
    struct stat entry = {};
    if (::lstat(requested.c_str(), &entry) != 0) {
        if (errno == ENOENT)
            return target; // a new file
        return TargetResult::failure(failure(requested, "cannot save: " + errnoText(errno)));
    }
    const bool throughLink = S_ISLNK(entry.st_mode);
    target.info = entry;
    if (throughLink && ::stat(requested.c_str(), &target.info) != 0) {
        if (errno != ENOENT)
            return TargetResult::failure(
                failure(requested, "cannot follow the symbolic link: " + errnoText(errno)));
        // A dangling link is kept, and the file it names is created.
        auto created = danglingLinkTarget(requested);
        if (!created)
            return TargetResult::failure(created.error());
        target.path = std::move(*created);
        return target;
    }
    const mode_t mode = target.info.st_mode;
    if (S_ISCHR(mode)) {
        target.kind = SaveTarget::Kind::Device;
        return target;
    }
    struct stat output = {};
    if ((S_ISFIFO(mode) || S_ISSOCK(mode)) && ::fstat(STDOUT_FILENO, &output) == 0
        && output.st_dev == target.info.st_dev && output.st_ino == target.info.st_ino) {
        target.kind = SaveTarget::Kind::StandardOutput; // -o /dev/stdout into a pipe
        return target;
    }
    if (!S_ISREG(mode)) {
        return TargetResult::failure(failure(
            requested, std::string(throughLink ? "points to " : "is ") + describeFileType(mode)
                           + ", not a regular file; not writing to it"));
    }
    if (throughLink) {
        // Saving through a link updates the file it points to and keeps the link.
        std::error_code error;
        target.path = std::filesystem::canonical(requested, error);
        if (error)
            return TargetResult::failure(
                failure(requested, "cannot follow the symbolic link: " + error.message()));
    }
    if (!options.replaceReadOnly && isReadOnly(target.path, target.info))
        return TargetResult::failure(readOnlyRefusal(requested, throughLink, options));
    target.kind = SaveTarget::Kind::RegularFile;
    return target;
}

} // namespace

Result<std::string> readTextFile(const std::filesystem::path &path, std::uintmax_t maxBytes)
{
    // O_NONBLOCK so that a FIFO or device given by mistake cannot block the open.
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0)
        return Result<std::string>::failure(failure(path, "cannot open: " + errnoText(errno)));
    struct stat info = {};
    if (::fstat(fd.get(), &info) != 0)
        return Result<std::string>::failure(failure(path, "cannot read: " + errnoText(errno)));
    if (S_ISDIR(info.st_mode))
        return Result<std::string>::failure(failure(path, "is a directory, not a file"));
    if (!S_ISREG(info.st_mode))
        return Result<std::string>::failure(failure(path, "is not a regular file"));
    if (static_cast<std::uintmax_t>(info.st_size) > maxBytes) {
        return Result<std::string>::failure(
            failure(path, "is too large (" + std::to_string(info.st_size) + " bytes; the limit is "
                              + std::to_string(maxBytes) + ")"));
    }
    std::string content;
    content.resize(static_cast<std::size_t>(info.st_size));
    std::size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::read(fd.get(), content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Result<std::string>::failure(failure(path, "cannot read: " + errnoText(errno)));
        }
        if (n == 0)
            break; // the file shrank while we read it
        done += static_cast<std::size_t>(n);
    }
    content.resize(done);
    return content;
}

AtomicFileWriter::AtomicFileWriter(const std::filesystem::path &path, SaveOptions options)
    : m_requested(path)
    , m_options(std::move(options))
{
    auto target = resolveSaveTarget(path, m_options);
    if (!target) {
        refuse(target.error());
        return;
    }
    m_target = target->path;
    Status opened;
    switch (target->kind) {
    case SaveTarget::Kind::StandardOutput:
        m_method = Method::WriteDirectly;
        opened = openStandardOutput();
        break;
    case SaveTarget::Kind::Device:
        m_method = Method::WriteDirectly;
        opened = openDevice();
        break;
    case SaveTarget::Kind::RegularFile:
        m_existingMode = target->info.st_mode & 07777;
        m_existingUid = target->info.st_uid;
        m_existingGid = target->info.st_gid;
        opened = createTemporary();
        break;
    case SaveTarget::Kind::NewFile:
        opened = createTemporary();
        break;
    }
    if (!opened) {
        refuse(opened.error());
        return;
    }
    m_buffer.setDescriptor(m_fd.get());
    m_stream.rdbuf(&m_buffer);
}

Status AtomicFileWriter::openStandardOutput()
{
    m_fd.reset(::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0));
    if (!m_fd.valid())
        return Status::failure(failure(m_requested, "cannot write: " + errnoText(errno)));
    return {};
}

Status AtomicFileWriter::openDevice()
{
    // Never created, truncated or renamed over. O_NONBLOCK so that a device swapped for a FIFO
    // meanwhile cannot block the open; the check below then refuses it.
    m_fd.reset(::open(m_target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK));
    if (!m_fd.valid())
        return Status::failure(
            failure(m_requested, "cannot open for writing: " + errnoText(errno)));
    struct stat opened = {};
    if (::fstat(m_fd.get(), &opened) != 0 || !S_ISCHR(opened.st_mode))
        return Status::failure(failure(m_requested, "changed while saving; not writing to it"));
    const int flags = ::fcntl(m_fd.get(), F_GETFL);
    if (flags < 0 || ::fcntl(m_fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
        return Status::failure(failure(m_requested, "cannot write: " + errnoText(errno)));
    return {};
}

Status AtomicFileWriter::createTemporary()
{
    const std::filesystem::path directory = m_target.has_parent_path() ? m_target.parent_path()
                                                                       : ".";
    std::string name = (directory / ("." + m_target.filename().string() + ".XXXXXX")).string();
    m_fd.reset(::mkostemp(name.data(), O_CLOEXEC));
    if (!m_fd.valid()) {
        return Status::failure(failure(m_requested, "cannot create a temporary file in "
                                                        + directory.string() + ": "
                                                        + errnoText(errno)));
    }
    m_temporary = std::move(name);
    return {};
}

AtomicFileWriter::~AtomicFileWriter()
{
    if (!m_done)
        discard();
}

void AtomicFileWriter::discard()
{
    m_stream.rdbuf(nullptr);
    m_fd.close();
    if (!m_temporary.empty())
        ::unlink(m_temporary.c_str());
    m_temporary.clear();
    m_done = true;
}

void AtomicFileWriter::refuse(const std::string &message)
{
    discard();
    m_error = message;
}

Status AtomicFileWriter::fail(const std::string &what, int error)
{
    refuse(failure(m_requested, what + ": " + errnoText(error ? error : EIO)));
    return Status::failure(m_error);
}

Status AtomicFileWriter::commit()
{
    if (m_done)
        return Status::failure(m_error.empty() ? failure(m_requested, "already saved") : m_error);
    if (!m_buffer.flushBuffer() || !m_stream)
        return fail("cannot write", m_buffer.error());
    return m_method == Method::WriteDirectly ? commitDirect() : commitReplace();
}

Status AtomicFileWriter::commitDirect()
{
    m_stream.rdbuf(nullptr); // later writes must not reach a reused descriptor number
    if (m_fd.close() != 0)
        return fail("cannot close", errno);
    m_done = true;
    return {};
}

Status AtomicFileWriter::checkUnchanged(bool &targetExists) const
{
    struct stat now = {};
    targetExists = ::lstat(m_target.c_str(), &now) == 0;
    if (!targetExists)
        return errno == ENOENT
                   ? Status()
                   : Status::failure(failure(m_requested, "cannot save: " + errnoText(errno)));
    if (!S_ISREG(now.st_mode)) {
        return Status::failure(failure(m_requested, "changed into " + describeFileType(now.st_mode)
                                                        + " while saving; not replacing it"));
    }
    if (!m_options.replaceReadOnly && isReadOnly(m_target, now))
        return Status::failure(readOnlyRefusal(m_requested, m_target != m_requested, m_options));
    return {};
}

Status AtomicFileWriter::commitReplace()
{
    const mode_t mode = m_options.permissions ? mode_t(*m_options.permissions)
                        : m_existingMode      ? mode_t(*m_existingMode)
                                              : (0666 & ~currentUmask());
    if (m_existingMode && (m_existingUid != ::geteuid() || m_existingGid != ::getegid())) {
        // Keep the owner when we may (root saving a user's file); harmless when we may not.
        // Before fchmod, because a change of owner clears the set-id bits.
        [[maybe_unused]] const int ignored = ::fchown(m_fd.get(), m_existingUid, m_existingGid);
    }
    m_stream.rdbuf(nullptr); // later writes must not reach a reused descriptor number
    if (::fchmod(m_fd.get(), mode) != 0)
        return fail("cannot set permissions", errno);
    if (::fsync(m_fd.get()) != 0)
        return fail("cannot flush to disk", errno);
    if (m_fd.close() != 0)
        return fail("cannot close", errno);

    // Writing may have taken a while: look again, so that nothing swapped in meanwhile (a
    // FIFO, a device, a directory) is renamed over.
    bool targetExists = false;
    if (Status unchanged = checkUnchanged(targetExists); !unchanged) {
        refuse(unchanged.error());
        return unchanged;
    }
    int renamed = -1;
    if (!targetExists) {
        // Atomically "only if still absent"; file systems without it fall back to rename().
        renamed = ::renameat2(AT_FDCWD, m_temporary.c_str(), AT_FDCWD, m_target.c_str(),
                              RENAME_NOREPLACE);
        if (renamed != 0 && errno == EEXIST) {
            refuse(
                failure(m_requested, "was created by someone else while saving; not replacing it"));
            return Status::failure(m_error);
        }
    }
    if (renamed != 0 && ::rename(m_temporary.c_str(), m_target.c_str()) != 0)
        return fail("cannot replace the file", errno);
    m_temporary.clear();
    m_done = true;
    // Make the rename itself durable.
    const std::filesystem::path directory = m_target.has_parent_path() ? m_target.parent_path()
                                                                       : ".";
    FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.valid())
        ::fsync(dir.get());
    return {};
}

Status writeFileAtomically(const std::filesystem::path &path, std::string_view bytes,
                           const SaveOptions &options)
{
    AtomicFileWriter writer(path, options);
    if (writer.ok())
        writer.stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return writer.commit();
}

} // namespace bulkhead
