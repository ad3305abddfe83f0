import { describe, expect, it } from "vitest";
import { hostAllowed, normalizeIp, parseCidr, parseHostList, type HostList } from "./address";
import { clientAddress, limitKey } from "./client-address";

const list = (text: string): HostList => {
  const parsed = parseHostList(text);
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.list;
};

describe("normalizeIp", () => {
  it("reads IPv4, IPv6 (compressed, bracketed, IPv4-mapped) and refuses the rest", () => {
    expect(normalizeIp("10.0.0.1")).toBe("10.0.0.1");
    expect(normalizeIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeIp("[fd00:1122:3344:101:0:0:0:1]")).toBe("fd00:1122:3344:101::1");
    expect(normalizeIp("::1")).toBe("::1");
    expect(normalizeIp("::")).toBe("::");
    expect(normalizeIp("2001:db8::1:0:0:1")).toBe("2001:db8::1:0:0:1");
    for (const bad of ["256.0.0.1", "1.2.3", "01.2.3.4", "1::2::3", "fd00::g", "example.com", ""])
      expect(normalizeIp(bad)).toBeNull();
  });
});

describe("parseHostList / hostAllowed", () => {
  const allowed = list("127.0.0.0/8, 10.0.0.0/8 ::1 fd00::/8 localhost agent.rack.internal");

  it("matches IPv4 and IPv6 literals against CIDRs", () => {
    expect(hostAllowed(allowed, "127.0.0.1")).toBe(true);
    expect(hostAllowed(allowed, "10.200.1.2")).toBe(true);
    expect(hostAllowed(allowed, "11.0.0.1")).toBe(false);
    expect(hostAllowed(allowed, "[::1]")).toBe(true);
    expect(hostAllowed(allowed, "[fd00:1122:3344:101::1]")).toBe(true);
    expect(hostAllowed(allowed, "[fe80::1]")).toBe(false);
    expect(hostAllowed(allowed, "[::ffff:10.1.1.1]")).toBe(true); // IPv4-mapped is IPv4
  });

  it("allows a name only when it is listed exactly (names are never resolved)", () => {
    expect(hostAllowed(allowed, "localhost")).toBe(true);
    expect(hostAllowed(allowed, "LOCALHOST.")).toBe(true);
    expect(hostAllowed(allowed, "agent.rack.internal")).toBe(true);
    expect(hostAllowed(allowed, "evil.example")).toBe(false);
    expect(hostAllowed(allowed, "rack.internal")).toBe(false);
  });

  it("keeps IPv4 and IPv6 prefixes apart", () => {
    expect(hostAllowed(list("0.0.0.0/0"), "[fd00::1]")).toBe(false);
    expect(hostAllowed(list("::/0"), "8.8.8.8")).toBe(true); // ::/0 is every address
    expect(hostAllowed(list("192.168.1.7"), "192.168.1.7")).toBe(true);
    expect(hostAllowed(list("192.168.1.7"), "192.168.1.8")).toBe(false);
  });

  it("reports every malformed entry", () => {
    expect(parseHostList("10.0.0.0/33, 1.2.3.4/x, ok.example, bad_name")).toEqual({
      ok: false,
      errors: [
        '"10.0.0.0/33" is neither an IP address, a CIDR range nor a host name',
        '"1.2.3.4/x" is neither an IP address, a CIDR range nor a host name',
        '"bad_name" is neither an IP address, a CIDR range nor a host name',
      ],
    });
    expect(parseCidr("fd00::/129")).toBeNull();
  });
});

describe("clientAddress", () => {
  const proxies = list("10.0.0.0/8, fd00::/8").cidrs;

  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("::ffff:127.0.0.1", "1.2.3.4", [])).toBe("127.0.0.1");
    expect(clientAddress("203.0.113.9", "10.0.0.1", proxies)).toBe("203.0.113.9");
  });

  it("walks X-Forwarded-For from the right through trusted proxies only", () => {
    // A client sent "6.6.6.6"; the proxy appended the real peer 198.51.100.7.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7", proxies)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", "198.51.100.7, 10.1.1.1", proxies)).toBe("198.51.100.7");
    expect(clientAddress("fd00::5", "2001:db8::7", proxies)).toBe("2001:db8::7");
    expect(clientAddress("10.0.0.2", null, proxies)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "junk, 10.0.0.3", proxies)).toBe("10.0.0.3");
  });
});

describe("limitKey", () => {
  it("counts IPv4 clients by address and IPv6 clients by their /64", () => {
    expect(limitKey("198.51.100.7")).toBe("198.51.100.7");
    expect(limitKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(limitKey("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
    expect(limitKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(limitKey("unvouched")).toBe("unvouched");
  });
});
