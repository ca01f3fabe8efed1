package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Date field values as mailers write them: RFC 5322 §3.3, the obsolete forms of §4.3, and common breakage. */
class SentDateParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            Tue, 5 Mar 2024 10:00:00 +0000                  | 2024-03-05T10:00:00Z
            5 Mar 2024 10:00:00 +0000                       | 2024-03-05T10:00:00Z
            Tue, 05 Mar 2024 10:00 -0500                    | 2024-03-05T15:00:00Z
            Tue, 5 Mar 2024 10:00:00 +0130 (CET)            | 2024-03-05T08:30:00Z
            Tue , 5 Mar 2024 10 : 00 : 00 +0000             | null
            5-Mar-2024 10:00:00 +0000                       | 2024-03-05T10:00:00Z
            5-Mar-2024 10:00:00 -0500                       | 2024-03-05T15:00:00Z
            Tuesday, 05-Mar-24 10:00:00 GMT                 | 2024-03-05T10:00:00Z
            05-Mar-99 10:00:00 EST                          | 1999-03-05T15:00:00Z
            Tue, 5 Mar 124 10:00:00 +0000                   | 2024-03-05T10:00:00Z
            Tue, 5 Mar 2024 10:00:00 PDT                    | 2024-03-05T17:00:00Z
            Tue, 5 Mar 2024 10:00:00 UT                     | 2024-03-05T10:00:00Z
            Tue, 5 Mar 2024 10:00:00 Z                      | 2024-03-05T10:00:00Z
            Tue, 5 Mar 2024 10:00:00 A                      | 2024-03-05T10:00:00Z
            Tue, 5 Mar 2024 10:00:00-0200                   | 2024-03-05T12:00:00Z
            Tue, 5 Mar 2024 10:00:60 +0000                  | 2024-03-05T10:00:59Z
            Tue Mar  5 10:00:00 2024                        | 2024-03-05T10:00:00Z
            10:00:00 5-Mar-2024                             | 2024-03-05T10:00:00Z
            Tue, (comment) 5 (Mar) Mar 2024 10:00:00 +0000  | 2024-03-05T10:00:00Z
            5 March 2024 10:00:00 +0000                     | 2024-03-05T10:00:00Z
            Tue, 31 Feb 2024 10:00:00 +0000                 | null
            Tue, 5 Mar 2024 25:00:00 +0000                  | null
            Tue, 5 Mar 2024                                 | null
            Tue, 5 2024 10:00:00 +0000                      | null
            yesterday                                       | null
            """)
    void parsesTheDateFieldFormsMailersWrite(String value, String expected) {
        OffsetDateTime parsed = SentDateParser.parse(value);
        assertThat(parsed == null ? null : parsed.toInstant()).isEqualTo(expected == null ? null : Instant.parse(expected));
    }

    /**
     * RFC 9051 §6.4.4: SENTON and its kin compare "the Date: header (disregarding time and
     * timezone)", so the date as written is kept beside the instant, whatever the zone; an instant
     * alone would move a late-evening date to the next day in UTC.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Sat, 24 Mar 2007 23:00:00 +0200         | 2007-03-24 | +02:00
            Sun, 25 Mar 2007 00:00:00 +0200         | 2007-03-25 | +02:00
            Sun, 28 Oct 2007 03:00:00 +0300         | 2007-10-28 | +03:00
            Mon, 29 Oct 2007 00:30:00 +1400         | 2007-10-29 | +14:00
            Tue, 5 Mar 2024 23:59:59 -1100          | 2024-03-05 | -11:00
            Thu, 7 Mar 2024 23:59:59 -0800 (PST)    | 2024-03-07 | -08:00
            5 Mar 24 22:00 EST                      | 2024-03-05 | -05:00
            Tue Mar  5 23:00:00 2024                | 2024-03-05 | Z
            Tue, 5 Mar 2024 23:00:00 A              | 2024-03-05 | Z
            """)
    void keepsTheDateAndZoneAsWritten(String value, String date, String zone) {
        OffsetDateTime parsed = SentDateParser.parse(value);
        assertThat(parsed.toLocalDate()).isEqualTo(LocalDate.parse(date));
        assertThat(parsed.getOffset()).isEqualTo(ZoneOffset.of(zone));
    }
}
