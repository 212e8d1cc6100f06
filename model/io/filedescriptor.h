#pragma once

#include <streambuf>
#include <vector>

namespace bulkhead {

/** Owns a POSIX descriptor and closes it on every path out of a scope. */
class FileDescriptor
{
public:
    explicit FileDescriptor(int fd = -1)
        : m_fd(fd)
    {}
    ~FileDescriptor() { close(); }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }
    void reset(int fd)
    {
        close();
        m_fd = fd;
    }
    /** The result of close(2): a write that was deferred can still fail here (NFS, quotas). */
    int close();

private:
    int m_fd;
};

/**
 * An output stream buffer that writes to a POSIX descriptor it does not own, and remembers
 * the errno of the first write that failed. Unlike std::ofstream (whose errors carry no
 * reason) or stdio's stdout (whose error is noticed only if someone asks), a full disk or a
 * closed pipe is never lost: after a failure the stream goes bad and error() says why.
 */
class FileDescriptorBuffer : public std::streambuf
{
public:
    explicit FileDescriptorBuffer(int fd = -1);
    FileDescriptorBuffer(const FileDescriptorBuffer &) = delete;
    FileDescriptorBuffer &operator=(const FileDescriptorBuffer &) = delete;

    void setDescriptor(int fd) { m_fd = fd; }
    /** Writes out what is buffered; false when this or an earlier write failed. */
    bool flushBuffer();
    /** The errno of the first failed write, or 0. */
    int error() const { return m_error; }

protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char *data, std::streamsize size) override;
    int sync() override;

private:
    bool writeAll(const char *data, std::size_t size);

    int m_fd;
    int m_error = 0;
    std::vector<char> m_buffer;
};

} // namespace bulkhead
