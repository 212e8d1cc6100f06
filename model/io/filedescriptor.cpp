#include "filedescriptor.h"

#include <cerrno>

#include <unistd.h>

namespace bulkhead {

int FileDescriptor::close()
{
    const int result = m_fd >= 0 ? ::close(m_fd) : 0;
    m_fd = -1;
    return result;
}

FileDescriptorBuffer::FileDescriptorBuffer(int fd)
    : m_fd(fd)
    , m_buffer(64 * 1024)
{
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

bool FileDescriptorBuffer::writeAll(const char *data, std::size_t size)
{
    if (m_error)
        return false;
    while (size > 0) {
        const ssize_t written = ::write(m_fd, data, size);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            m_error = errno;
            return false;
        }
        if (written == 0) { // a device that takes nothing more
            m_error = ENOSPC;
            return false;
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

bool FileDescriptorBuffer::flushBuffer()
{
    const bool written = writeAll(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    // What could not be written is dropped: the error is what the caller reports.
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
    return written;
}

FileDescriptorBuffer::int_type FileDescriptorBuffer::overflow(int_type ch)
{
    if (!flushBuffer())
        return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(ch);
        pbump(1);
    }
    return traits_type::not_eof(ch);
}

std::streamsize FileDescriptorBuffer::xsputn(const char *data, std::streamsize size)
{
    if (m_error)
        return 0;
    const auto room = epptr() - pptr();
    if (size <= room) {
        traits_type::copy(pptr(), data, static_cast<std::size_t>(size));
        pbump(static_cast<int>(size));
        return size;
    }
    // Too big for what is left: write out the buffer, then large blocks go straight through.
    if (!flushBuffer())
        return 0;
    if (size >= epptr() - pbase())
        return writeAll(data, static_cast<std::size_t>(size)) ? size : 0;
    traits_type::copy(pptr(), data, static_cast<std::size_t>(size));
    pbump(static_cast<int>(size));
    return size;
}

int FileDescriptorBuffer::sync()
{
    return flushBuffer() ? 0 : -1;
}

} // namespace bulkhead
