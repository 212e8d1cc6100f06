#include "pdfmetadata.h"

#include "report/reportmodel.h"

#include <QString>

namespace bulkhead {

namespace {

QString xml(const std::string &text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

/** A language alternative, as XMP holds dc:title and dc:description. */
QString alternative(const char *property, const std::string &text)
{
    return QStringLiteral("<dc:%1><rdf:Alt><rdf:li xml:lang=\"x-default\">%2</rdf:li></rdf:Alt>"
                          "</dc:%1>")
        .arg(QLatin1String(property), xml(text));
}

} // namespace

QByteArray pdfXmpMetadata(const ReportCover &cover)
{
    QString body = alternative("title", cover.title);
    if (!cover.owner.empty())
        body += QStringLiteral("<dc:creator><rdf:Seq><rdf:li>%1</rdf:li></rdf:Seq></dc:creator>")
                    .arg(xml(cover.owner));
    if (!cover.description.empty())
        body += alternative("description", cover.description);
    const QString generator = QStringLiteral("Bulkhead ") + xml(cover.appVersion);
    const QString packet =
        QStringLiteral("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                       "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                       "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                       "<rdf:Description rdf:about=\"\""
                       " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                       " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                       " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">"
                       "%1<xmp:CreatorTool>%2</xmp:CreatorTool><pdf:Producer>%2</pdf:Producer>"
                       "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>")
            .arg(body, generator);
    return packet.toUtf8();
}

} // namespace bulkhead
