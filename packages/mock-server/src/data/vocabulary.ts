/**
 * Realistic values for fields whose name says what they hold (a name, an email, a phone number...), so
 * generated collections read like an account's data rather than `string-1`, `string-2`.
 */

export const FIRST_NAMES = [
  "Leo", "Andy", "Charlotte", "Sophia", "Malinda", "Olivia", "Liam", "Emma", "Noah", "Ava", "Mia", "Lucas",
  "Amelia", "Ethan", "Harper", "Mateo", "Isla", "Wei", "Mei", "Hiroshi", "Yuki", "Priya", "Arjun", "Fatima",
  "Omar", "Lena", "Jonas", "Elena", "Marco", "Chloe", "Diego", "Nora", "Sven", "Ingrid", "Kofi", "Amara",
  "Tomás", "Zoë", "José", "Anaïs",
] as const;

export const LAST_NAMES = [
  "Ball", "Terrell", "Chen", "Lin", "Garcia", "Müller", "Smith", "Johnson", "Tanaka", "Sato", "Kim", "Park",
  "Nguyen", "Rossi", "Dubois", "Novak", "Kowalski", "Jensen", "Silva", "Santos", "Okafor", "Mensah", "Patel",
  "Sharma", "Haddad", "O'Brien", "Van Dijk", "Andersson", "Fischer", "Moreau", "Lopez", "Wang",
] as const;

export const COMPANIES = [
  "Yeastar", "Harbour Telecom", "Northwind Voice", "Bluefin Networks", "Acme Hosting", "Delta Unified",
  "Sunrise PBX Solutions", "Kestrel IT", "Maple Cloud Services", "Orbit Communications", "Lumen & Co",
  "Cedar Systems",
] as const;

export const ADDRESSES = [
  "USA", "63 Wanghai Road, Xiamen, China", "12 Harbour Street, Sydney, Australia", "Calle Mayor 5, Madrid, Spain",
  "Kaiserstraße 18, Frankfurt, Germany", "1-2-3 Shibuya, Tokyo, Japan", "221 King Street, Toronto, Canada",
  "Rua Augusta 100, Lisbon, Portugal", "Via Roma 7, Milan, Italy", "18 Marina Boulevard, Singapore",
] as const;

export const REMARKS = [
  "Key account", "Trial customer", "Renewal due next quarter", "Migrated from on-premises PBX",
  "Prefers email contact", "Billing handled by reseller",
] as const;

export const GROUP_NAMES = [
  "Sales", "Engineering", "Support", "Marketing", "Finance", "Operations", "Human Resources", "Management",
] as const;

export const BUILDINGS = ["Yeastar", "Harbour Tower", "North Campus", "Innovation Centre"] as const;
export const FLOORS = ["Ground Floor", "1F", "2F", "3F", "5F", "12F"] as const;
export const EMAIL_DOMAINS = ["example.com", "example.net", "example.org"] as const;

export type Hint = "firstName" | "lastName" | "personName" | "email" | "phone" | "company" | "address" | "remark" | "groupName" | "building" | "floor";

/** What a string field holds, judged from its name (`userEmail` -> email, `mobile` -> phone). */
export function hintFor(field: string): Hint | undefined {
  const f = field.toLowerCase();
  if (/email|mail$/.test(f)) return "email";
  if (/^first_?name$/.test(f)) return "firstName";
  if (/^last_?name$|^surname$/.test(f)) return "lastName";
  if (/^(user_?name|full_?name|display_?name|contact_?name|member_?name)$/.test(f)) return "personName";
  if (/phone|mobile|^tel/.test(f)) return "phone";
  if (/company|organi[sz]ation/.test(f)) return "company";
  if (/address$/.test(f) && !/ip|mac|email/.test(f)) return "address";
  if (/^(remark|note|notes|memo)$/.test(f)) return "remark";
  if (/^group_?name$/.test(f)) return "groupName";
  if (/building/.test(f)) return "building";
  if (/floor/.test(f)) return "floor";
  return undefined;
}

/** Lower-case ASCII local part of an email address made from a person's name. */
export function emailLocalPart(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.+|\.+$/g, "");
}
