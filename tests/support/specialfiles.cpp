#include "specialfiles.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

namespace bulkhead::test {

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

QString makeSocket(const QByteArray &path)
{
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (std::size_t(path.size()) >= sizeof address.sun_path)
        return QStringLiteral("the socket path is too long for AF_UNIX");
    std::memcpy(address.sun_path, path.constData(), std::size_t(path.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return errnoText();
    // The bound name stays in the file system after the socket closes.
    const bool bound = ::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0;
    const QString error = bound ? QString() : errnoText();
    ::close(fd);
    return error;
}

} // namespace

QString makeSpecialFile(SpecialFile kind, const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    switch (kind) {
    case SpecialFile::Fifo:
        return ::mkfifo(name.constData(), 0644) == 0 ? QString() : errnoText();
    case SpecialFile::Socket:
        return makeSocket(name);
    case SpecialFile::Directory:
        return QDir().mkdir(path) ? QString() : QStringLiteral("cannot make a directory");
    case SpecialFile::BlockDevice:
        // The loop device numbers; nothing is ever opened through this node.
        if (::mknod(name.constData(), S_IFBLK | 0644, makedev(7, 0)) == 0)
            return QString();
        return QStringLiteral("making a block device node needs root (CAP_MKNOD): ") + errnoText();
    }
    return QStringLiteral("unknown kind");
}

QString describeSpecialFile(SpecialFile kind)
{
    switch (kind) {
    case SpecialFile::Fifo:
        return QStringLiteral("a named pipe (FIFO)");
    case SpecialFile::Socket:
        return QStringLiteral("a socket");
    case SpecialFile::Directory:
        return QStringLiteral("a directory");
    case SpecialFile::BlockDevice:
        return QStringLiteral("a block device");
    }
    return QString();
}

QString characterDevice(const QString &directory, bool full)
{
    const QString own = QDir(directory).filePath(full ? QStringLiteral("full") : QStringLiteral("null"));
    // 1,3 is /dev/null and 1,7 is /dev/full on Linux.
    if (::geteuid() == 0 && ::mknod(QFile::encodeName(own).constData(), S_IFCHR | 0666, makedev(1, full ? 7 : 3)) == 0)
        return own;
    return full ? QStringLiteral("/dev/full") : QStringLiteral("/dev/null");
}

unsigned fileType(const QString &path)
{
    struct stat info {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 ? unsigned(info.st_mode & S_IFMT) : 0u;
}

unsigned permissions(const QString &path)
{
    struct stat info {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? unsigned(info.st_mode & 07777) : ~0u;
}

} // namespace bulkhead::test
