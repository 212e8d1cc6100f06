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

/** Closes a POSIX descriptor on every path out of a function. */
class FileDescriptor
{
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() { close(); }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;
    int get() const { return m_fd; }
    int close()
    {
        const int result = m_fd >= 0 ? ::close(m_fd) : 0;
        m_fd = -1;
        return result;
    }

private:
    int m_fd;
};

mode_t currentUmask()
{
    // umask() can only be read by setting it; set it straight back.
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return mask;
}

} // namespace

Result<std::string> readTextFile(const std::filesystem::path &path, std::uintmax_t maxBytes)
{
    // O_NONBLOCK so that a FIFO or device given by mistake cannot block the open.
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0)
        return Result<std::string>::failure(failure(path, "cannot open: " + errnoText(errno)));
    struct stat info {};
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

AtomicFileWriter::AtomicFileWriter(const std::filesystem::path &requestedPath)
{
    // Saving through a symlink updates the file it points to and keeps the link.
    std::error_code error;
    m_target = std::filesystem::is_symlink(requestedPath, error)
                   ? std::filesystem::weakly_canonical(requestedPath, error)
                   : requestedPath;
    m_directory = m_target.has_parent_path() ? m_target.parent_path() : std::filesystem::path(".");
    m_temporary = (m_directory / ("." + m_target.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(m_temporary.data());
    if (fd < 0) {
        m_error = failure(m_target, "cannot create a temporary file in " + m_directory.string()
                                        + ": " + errnoText(errno));
        m_done = true;
        return;
    }
    ::close(fd);
    m_stream.open(m_temporary, std::ios::binary | std::ios::trunc);
    if (!m_stream) {
        m_error = failure(m_target, "cannot write a temporary file: " + errnoText(errno));
        ::unlink(m_temporary.c_str());
        m_done = true;
    }
}

AtomicFileWriter::~AtomicFileWriter()
{
    if (!m_done) {
        m_stream.close();
        ::unlink(m_temporary.c_str());
    }
}

Status AtomicFileWriter::fail(const std::string &what, int error)
{
    m_stream.close();
    ::unlink(m_temporary.c_str());
    m_done = true;
    m_error = failure(m_target, what + ": " + errnoText(error));
    return Status::failure(m_error);
}

Status AtomicFileWriter::commit()
{
    if (m_done)
        return Status::failure(m_error.empty() ? failure(m_target, "already saved") : m_error);
    m_stream.flush();
    if (!m_stream)
        return fail("cannot write", errno ? errno : EIO);
    m_stream.close();
    if (m_stream.fail())
        return fail("cannot close", errno ? errno : EIO);

    FileDescriptor fd(::open(m_temporary.c_str(), O_WRONLY | O_CLOEXEC));
    if (fd.get() < 0)
        return fail("cannot reopen the temporary file", errno);
    struct stat existing {};
    const bool replacing = ::stat(m_target.c_str(), &existing) == 0;
    const mode_t mode = replacing ? (existing.st_mode & 07777) : (0666 & ~currentUmask());
    if (::fchmod(fd.get(), mode) != 0)
        return fail("cannot set permissions", errno);
    if (replacing) {
        // Keep the owner when we may (root saving a user's file); harmless when we may not.
        [[maybe_unused]] const int ignored = ::fchown(fd.get(), existing.st_uid, existing.st_gid);
    }
    if (::fsync(fd.get()) != 0)
        return fail("cannot flush to disk", errno);
    if (fd.close() != 0)
        return fail("cannot close", errno);
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0)
        return fail("cannot replace the file", errno);
    m_done = true;
    // Make the rename itself durable.
    FileDescriptor dir(::open(m_directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0)
        ::fsync(dir.get());
    return {};
}

Status writeFileAtomically(const std::filesystem::path &path, std::string_view bytes)
{
    AtomicFileWriter writer(path);
    if (writer.ok())
        writer.stream().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return writer.commit();
}

} // namespace bulkhead
