import { readServerSettings } from '../server/settings'
import { clientAddress } from '../src/auth/loginThrottle'

test('TRUST_PROXY: a hop count or addresses; `true` (any client picks its address) is refused', () => {
  expect(readServerSettings({}).trustProxy).toBe(false)
  expect(readServerSettings({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
  expect(readServerSettings({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8')
  expect(() => readServerSettings({ TRUST_PROXY: 'true' })).toThrow('TRUST_PROXY=true trusts every X-Forwarded-For entry')
})

test('MAX_UPLOAD_BYTES: a whole number of bytes, or refused (a typo used to lift the limit)', () => {
  expect(readServerSettings({}).maxUploadBytes).toBe(20 * 1024 * 1024)
  expect(readServerSettings({ MAX_UPLOAD_BYTES: '1048576' }).maxUploadBytes).toBe(1_048_576)
  for (const bad of ['20MB', '0', '-1', '1.5']) {
    expect(() => readServerSettings({ MAX_UPLOAD_BYTES: bad })).toThrow(`MAX_UPLOAD_BYTES must be a whole number of bytes, like 20971520; it is "${bad}".`)
  }
})

test('the login throttle keys an IPv6 client by its /64 and an IPv4-mapped one by its IPv4 address', () => {
  const of = (address: string) => clientAddress({ headers: new Headers({ 'x-forwarded-for': address }) } as never)
  expect(of('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64')
  expect(of('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64')
  expect(of('2001:db8::1')).toBe('2001:db8:0:0::/64')
  expect(of('::ffff:192.0.2.7')).toBe('192.0.2.7')
  expect(of('198.51.100.4')).toBe('198.51.100.4')
})
