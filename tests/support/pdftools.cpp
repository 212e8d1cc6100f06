#include "pdftools.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

namespace bulkhead::test {

namespace {

QByteArray run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        QTest::qFail(qPrintable(QStringLiteral("%1 failed (poppler-utils installed?): %2")
                                    .arg(program, QString::fromLocal8Bit(process.readAllStandardError()))),
                     __FILE__, __LINE__);
        return {};
    }
    return process.readAllStandardOutput();
}

QStringList pageRange(int first, int last)
{
    QStringList range;
    if (first > 0)
        range << QStringLiteral("-f") << QString::number(first);
    if (last > 0)
        range << QStringLiteral("-l") << QString::number(last);
    return range;
}

} // namespace

QString pdfText(const QString &path, int first, int last)
{
    QString text = QString::fromUtf8(run(QStringLiteral("pdftotext"), pageRange(first, last) << path << QStringLiteral("-")));
    return text.replace(QChar(0xFB01), QStringLiteral("fi")).replace(QChar(0xFB02), QStringLiteral("fl"));
}

QVector<QSizeF> pdfPageSizes(const QString &path)
{
    const QString info = QString::fromUtf8(run(QStringLiteral("pdfinfo"), {QStringLiteral("-f"), QStringLiteral("1"),
                                                                          QStringLiteral("-l"), QStringLiteral("100000"), path}));
    QVector<QSizeF> sizes;
    static const QRegularExpression size(QStringLiteral("Page\\s+\\d+ size:\\s+([\\d.]+) x ([\\d.]+)"));
    for (auto it = size.globalMatch(info); it.hasNext();) {
        const auto match = it.next();
        sizes.append(QSizeF(match.captured(1).toDouble(), match.captured(2).toDouble()));
    }
    return sizes;
}

QVector<PdfWord> pdfWords(const QString &path, int page, QSizeF *pageSize)
{
    const QByteArray xhtml = run(QStringLiteral("pdftotext"), pageRange(page, page) << QStringLiteral("-bbox") << path
                                                                                   << QStringLiteral("-"));
    QVector<PdfWord> words;
    QXmlStreamReader xml(xhtml);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto attributes = xml.attributes();
        auto number = [&](const char *name) { return attributes.value(QLatin1String(name)).toDouble(); };
        if (xml.name() == QLatin1String("page") && pageSize) {
            *pageSize = QSizeF(number("width"), number("height"));
        } else if (xml.name() == QLatin1String("word")) {
            const QRectF box(QPointF(number("xMin"), number("yMin")), QPointF(number("xMax"), number("yMax")));
            QString text = xml.readElementText();
            words.append({text.replace(QChar(0xFB01), QStringLiteral("fi")).replace(QChar(0xFB02), QStringLiteral("fl")), box});
        }
    }
    return words;
}

} // namespace bulkhead::test
