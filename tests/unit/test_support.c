/* test_support.c - shared helpers of the unit tests.
 *
 * Copyright 2026 The FaceTime SDP dissector authors
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test_support.h"

#include <stdarg.h>
#include <stdbool.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

uint8_t *compress_as(ft_encoding encoding, const void *data, size_t len, int level,
                     size_t *out_len)
{
    int window_bits = encoding == FT_ENCODING_DEFLATE ? -15 : encoding == FT_ENCODING_GZIP ? 31 : 15;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t capacity = deflateBound(&zs, (uLong)len) + 32;
    uint8_t *out = malloc(capacity);
    assert_non_null(out);
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)capacity;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *out_len = capacity - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

static bool take_budget(counting_allocator *c)
{
    if (c->budget == 0)
        return false;
    if (c->budget > 0)
        c->budget--;
    return true;
}

static void *counting_alloc(void *ctx, size_t size)
{
    counting_allocator *c = ctx;
    if (!take_budget(c))
        return NULL;
    void *p = malloc(size ? size : 1);
    if (p)
        c->live++;
    return p;
}

static void *counting_realloc(void *ctx, void *ptr, size_t size)
{
    counting_allocator *c = ctx;
    if (!take_budget(c))
        return NULL;
    void *p = realloc(ptr, size ? size : 1);
    if (p && !ptr)
        c->live++;
    return p;
}

static void counting_free(void *ctx, void *ptr)
{
    counting_allocator *c = ctx;
    if (ptr)
        c->live--;
    free(ptr);
}

void counting_allocator_init(counting_allocator *c, long budget)
{
    c->allocator.alloc = counting_alloc;
    c->allocator.realloc = counting_realloc;
    c->allocator.free = counting_free;
    c->allocator.ctx = c;
    c->budget = budget;
    c->live = 0;
}

const char offer_sdp[] =
    "v=0\r\n"
    "o=GKVoiceChatService 0 0 IN IP4 210.172.128.230\r\n"
    "s=niisato\r\n"
    "c=IN IP4 210.172.128.230\r\n"
    "b=AS:2000\r\n"
    "t=0 0\r\n"
    "a=FLS;VRA:0;MVRA:0;RVRA1:1;RVRA2:1;AS:2;MS:-1;LF:-1;LTR;CABAC;CR:3;PR;AR:8/5,2/3;XR;\r\n"
    "a=DMBR\r\n"
    "a=CAP\r\n"
    "m=audio 37338 RTP/AVP 104 105 106 9 0 124 122 121\r\n"
    "a=rtcp:37338\r\n"
    "a=fmtp:AAC SamplesPerBlock 480\r\n"
    "a=rtpID:3398691976\r\n"
    "a=au:67072\r\n"
    "a=fmtp:104 sbr;block 480\r\n"
    "a=fmtp:105 sbr;block 480\r\n"
    "a=fmtp:106 sec;sbr;block 480\r\n"
    "a=fmtp:122 sec\r\n"
    "a=fmtp:121 sec\r\n"
    "m=video 37338 RTP/AVP 126\r\n"
    "a=rtcp:37338\r\n"
    "a=rtpID:1321803278\r\n"
    "a=rtpmap:126 X-H264/90000\r\n"
    "a=fmtp:126 imagesize 0 rules 15:320:240:320:240:15\r\n"
    "a=imageattr:126 send [x=320,y=240,fps=30] [x=480,y=368,fps=30] [x=640,y=480,fps=30] "
    "[x=1280,y=720,fps=30] recv [x=320,y=240,fps=30] [x=480,y=368,fps=30] [x=640,y=480,fps=30] "
    "[x=1280,y=720,fps=30]\r\n";

const char answer_sdp[] =
    "v=0\r\n"
    "o=GKVoiceChatService 0 0 IN IP4 203.0.113.47\r\n"
    "s=hanako\r\n"
    "c=IN IP4 203.0.113.47\r\n"
    "b=AS:2000:1500\r\n"
    "t=0 0\r\n"
    "a=FLS;VRA:0;MVRA:0;RVRA1:1;RVRA2:1;AS:1;MS:-1;LF:-1;LTR;CABAC;CR:3;PR;AR:2/3,8/5;XR;UEP;\r\n"
    "a=DMBR\r\n"
    "m=audio 16386 RTP/AVP 104 9 0\r\n"
    "a=rtcp:16386\r\n"
    "a=fmtp:AAC SamplesPerBlock 480\r\n"
    "a=rtpID:2874530916\r\n"
    "a=au:67072\r\n"
    "a=fmtp:104 sbr;block 480\r\n"
    "m=video 16386 RTP/AVP 126\r\n"
    "a=rtcp:16386\r\n"
    "a=rtpID:3787342153\r\n"
    "a=rtpmap:126 X-H264/90000\r\n"
    "a=fmtp:126 imagesize 0 rules 15:320:240:320:240:15\r\n"
    "a=imageattr:126 send [x=480,y=368,fps=30] [x=640,y=480,fps=30] recv [x=320,y=240,fps=30] "
    "[x=640,y=480,fps=30]\r\n";

/* The whole iChat (Viceroy 1.4.1) SDP of a public INVITE (an XMPP/SIP gateway's test fixture), LF
 * line ends. */
const char ichat_sdp[] =
    "v=0\n"
    "o=thiago 0 0 IN IP4 192.168.20.198\n"
    "s=1021\n"
    "c=IN IP4 192.168.20.198\n"
    "b=AS:250\n"
    "t=0 0\n"
    "a=FLS;VRA:0;RVRA:1;AS:2\n"
    "a=hwi:17412:2:2800\n"
    "a=multipoint:1\n"
    "a=iChatEncryption:YES\n"
    "a=bandwidthDetection:NO\n"
    "m=audio 16402 RTP/AVP 105 0\n"
    "a=rtcp:16402\n"
    "a=rtpmap:105 X-AAC_ELD/22050\n"
    "a=rtpmap:0 PCMU/8000\n"
    "a=rtpID:1261706994\n"
    "a=fmtp:AAC SamplesPerBlock 480\n"
    "m=video 16402 RTP/AVP 123 126 34\n"
    "a=rtcp:16402\n"
    "a=rtpmap:123 H264/90000\n"
    "a=rtpmap:126 X-H264/90000\n"
    "a=rtpmap:34 H263/90000\n"
    "a=fmtp:34 imagesize 0\n"
    "a=framerate:15\n"
    "a=RTCP:AUDIO 16402 VIDEO 16402\n"
    "a=fmtp:126 imagesize 0 rules 15:320:240:320:240:15\n"
    "a=fmtp:123 imagesize 0 rules 15:320:240:320:240:15\n"
    "a=rtpID:1085110790\n";

/* Everything Apple's SDP composer writes, in its grammar: no user name (o=- and s=-), two
 * bandwidth numbers, FLS with the newer keys and every form, X_FLS for H.264 and HEVC, the
 * baseband codec, allowrecording, cellular and range image sets, the display size, rtcp-fb.
 * The codec type and sample rate of BBCODEC are illustrative: their values are not public. */
const char composer_sdp[] =
    "v=0\r\n"
    "o=- 0 0 IN IP4 198.51.100.7\r\n"
    "s=-\r\n"
    "c=IN IP4 198.51.100.7\r\n"
    "b=AS:1500:2000\r\n"
    "t=0 0\r\n"
    "a=FLS;VRA:0;MVRA:0;RVRA1:1;AS:2;MS:-1;LTR;CABAC;CR:3;LF:-1;PR;CH1:4;CH:4;FA:5;"
    "AR:667/375,375/667;XR:3/2,2/3;\r\n"
    "a=X_FLS:123 FLS;VRA:0;CR;LF;XR;UEP;\r\n"
    "a=X_FLS:100 FLS;SW:1;VRAE;POS:2;EOD;HTS:3;RR;POSE:1;\r\n"
    "a=DMBR\r\n"
    "a=CAP\r\n"
    "a=BBCODEC:2:16000\r\n"
    "m=audio 16402 RTP/AVP 104 105 106\r\n"
    "a=fmtp:AAC SamplesPerBlock 480\r\n"
    "a=allowrecording\r\n"
    "a=rtpID:305419896\r\n"
    "a=au:67072\r\n"
    "a=fmtp:104 sbr;block 480\r\n"
    "a=fmtp:106 sec;sbr;block 480\r\n"
    "m=video 16402 RTP/AVP 126 123 100\r\n"
    "a=rtpID:2596069104\r\n"
    "a=rtcp:16402\r\n"
    "a=rtpmap:126 X-H264/90000\r\n"
    "a=rtpmap:123 H264/90000\r\n"
    "a=rtpmap:100 HEVC/90000\r\n"
    "a=fmtp:126 imagesize 0 rules 30:640:480:640:480:30\r\n"
    "a=imageattr:126 send [x=640,y=480,fps=30] [x=320,y=240,fps=15,i=1,q=0.30] "
    "recv [x=[320:16:1280],y=[240:16:720],fps=30]\r\n"
    "a=ftdisplayattr:resolution [x=1136,y=640]\r\n"
    "a=rtcp-fb:* rpsi nack\r\n";
