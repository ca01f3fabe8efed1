# ARC with Debian's dkimpy (python3-dkim), for ArcInteropTest.
#   verify MESSAGE DNSFILE            prints the chain validation (none/pass/fail) and dkimpy's reason
#   sign MESSAGE DNSFILE KEY SEL DOMAIN SRVID   prints the message with dkimpy's ARC set on top
# DNSFILE: one "name<TAB>TXT value" per line, standing in for DNS.
import sys
import dkim

def dns_from(path):
    records = {}
    with open(path, 'rb') as f:
        for line in f.read().splitlines():
            name, value = line.split(b'\t', 1)
            records[name.rstrip(b'.').lower()] = value
    return lambda name, timeout=5: records.get(name.rstrip(b'.').lower())

mode = sys.argv[1]
message = open(sys.argv[2], 'rb').read()
dnsfunc = dns_from(sys.argv[3])
if mode == 'verify':
    cv, results, reason = dkim.arc_verify(message, dnsfunc=dnsfunc)
    sys.stdout.write(cv.decode() + '\n' + str(reason) + '\n')
else:
    key = open(sys.argv[4], 'rb').read()
    headers = dkim.arc_sign(message, sys.argv[5].encode(), sys.argv[6].encode(), key, sys.argv[7].encode())
    sys.stdout.buffer.write(b''.join(headers) + message)
