-- The two roles of an Égide database; run once per PostgreSQL cluster, as a superuser:
--   psql -v owner=egide_owner -v platform=egide -f deploy/postgresql/roles.sql
-- then set their passwords (\password egide_owner, \password egide) and write them into
-- /etc/egide/owner.env (EGIDE_MIGRATION_DATABASE_URL, root only) and /etc/egide/egide.env
-- (DATABASE_URL), and create the database with database.sql.
-- The owner owns the tables: `egide migrate`, `restore`, `flush` and `dbroles` connect as it. The
-- platform connects as the other role, which the owner grants all on the application's tables,
-- only SELECT and INSERT on the audit log (and moving its head forward), TRUNCATE nowhere
-- (egide/audit/grants.py). Neither is a superuser, creates roles or databases, or bypasses row
-- security.
CREATE ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE :"platform" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
