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

Status writeFileAtomically(const std::filesystem::path &requestedPath, std::string_view bytes)
{
    // Saving through a symlink updates the file it points to and keeps the link.
    std::error_code error;
    const std::filesystem::path path = std::filesystem::is_symlink(requestedPath, error)
                                           ? std::filesystem::weakly_canonical(requestedPath, error)
                                           : requestedPath;
    const std::filesystem::path directory = path.has_parent_path() ? path.parent_path()
                                                                   : std::filesystem::path(".");
    std::string temporary = (directory / ("." + path.filename().string() + ".XXXXXX")).string();
    FileDescriptor fd(::mkstemp(temporary.data()));
    if (fd.get() < 0)
        return Status::failure(failure(path, "cannot create a temporary file in "
                                                 + directory.string() + ": " + errnoText(errno)));
    auto abandon = [&](const std::string &what) {
        const int error = errno;
        fd.close();
        ::unlink(temporary.c_str());
        return Status::failure(failure(path, what + ": " + errnoText(error)));
    };

    struct stat existing {};
    const bool replacing = ::stat(path.c_str(), &existing) == 0;
    const mode_t mode = replacing ? (existing.st_mode & 07777) : (0666 & ~currentUmask());
    if (::fchmod(fd.get(), mode) != 0)
        return abandon("cannot set permissions");
    if (replacing) {
        // Keep the owner when we may (root saving a user's file); harmless when we may not.
        [[maybe_unused]] const int ignored = ::fchown(fd.get(), existing.st_uid, existing.st_gid);
    }

    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return abandon("cannot write");
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0)
        return abandon("cannot flush to disk");
    if (fd.close() != 0)
        return abandon("cannot close");
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return Status::failure(failure(path, "cannot replace the file: " + errnoText(error)));
    }
    // Make the rename itself durable.
    FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0)
        ::fsync(dir.get());
    return {};
}

} // namespace bulkhead
